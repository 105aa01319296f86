package org.coursekit.cli;

import java.io.File;
import java.nio.file.Path;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Parameters;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print the shell completion script for bash or zsh (the same as the files in completion/).",
            "Options with fixed values (--format, --kind, --lang, ...) complete their values, "
                + "also in the form --format=VALUE; file arguments complete file names."},
        footerHeading = "%nExamples:%n",
        footer = {"  source <(coursekit completion bash)                      # this shell",
            "  coursekit completion bash > \\", "      ~/.local/share/bash-completion/completions/coursekit",
            "  coursekit completion zsh > \"$${fpath[1]}/_coursekit\"       # zsh"})
final class CompletionCommand extends Base {
    enum Shell { bash, zsh }

    @Parameters(paramLabel = "bash|zsh", description = "The shell: ${COMPLETION-CANDIDATES}.")
    Shell shell;

    @Override
    public Integer call() {
        // the whole tree: this run registered only the completion command (see CoursekitCommand.build)
        CommandLine all = CoursekitCommand.build(java.util.Map.of(), java.time.Clock.systemUTC(),
                new org.coursekit.i18n.Messages(java.util.Locale.ENGLISH));
        out().print(script(all, shell));
        out().flush();
        return ExitCodes.OK;
    }

    /** The script for a shell; zsh runs the bash script through its bashcompinit. */
    static String script(CommandLine root, Shell shell) {
        String bash = withEqualsForm(withFileArguments(root.getCommandSpec(),
                AutoComplete.bash("coursekit", root)));
        if (shell == Shell.bash) {
            return bash;
        }
        return "#compdef coursekit\n"
                + "# zsh completion for coursekit: the bash completion through zsh's bashcompinit.\n"
                + "autoload -U +X compinit && compinit\n"
                + "autoload -U +X bashcompinit && bashcompinit\n"
                + bash;
    }

    /**
     * picocli completes file names only for arguments typed as files; an argument that takes a code
     * or a file ({@code certify verify CODE|FILE.pdf}) says so in its label, and completes files too.
     */
    static String withFileArguments(CommandSpec spec, String script) {
        for (CommandSpec sub : spec.subcommands().values().stream().map(CommandLine::getCommandSpec).distinct().toList()) {
            script = withFileArguments(sub, script);
        }
        // an option that takes a file or something else (--db FILE or a postgresql:// address) completes files too
        for (OptionSpec o : spec.options()) {
            boolean typedAsFile = o.type() == Path.class || o.type() == File.class;
            if (!typedAsFile && o.paramLabel().contains("FILE") && o.arity().max() > 0) {
                script = script.replace("    '" + o.longestName() + "')\n      return\n      ;;",
                        "    '" + o.longestName() + "')\n"
                                + "      local IFS=$'\\n'\n"
                                + "      type compopt &>/dev/null && compopt -o filenames\n"
                                + "      COMPREPLY=( $( compgen -f -- \"${curr_word}\" ) ) # files\n"
                                + "      return $?\n"
                                + "      ;;");
            }
        }
        boolean fileArgument = false;
        for (PositionalParamSpec p : spec.positionalParameters()) {
            boolean typedAsFile = p.type() == Path.class || p.type() == File.class;
            fileArgument |= !typedAsFile && p.paramLabel().contains("FILE");
        }
        if (!fileArgument) {
            return script;
        }
        String function = "function _picocli_" + spec.qualifiedName("_").replace('-', '_') + "() {";
        int start = script.indexOf(function);
        String empty = "    local positionals=\"\"\n";
        int at = start < 0 ? -1 : script.indexOf(empty, start);
        int end = start < 0 ? -1 : script.indexOf("\n}\n", start);
        if (at < 0 || at > end) {
            throw new IllegalStateException("picocli's completion script changed shape: " + function);
        }
        return script.substring(0, at + empty.length())
                + "    type compopt &>/dev/null && compopt -o filenames\n"
                + "    positionals=$( compgen -f -- \"${curr_word}\" ) # files\n"
                + script.substring(at + empty.length());
    }

    /** The bash function that turns {@code --option=value} into two words before picocli's functions see them. */
    private static final String EQUALS_FORM = """

            # `--option=value` completes like `--option value`: bash splits the word at '=' (see
            # COMP_WORDBREAKS), zsh passes it whole; both become two words for the functions above,
            # and under zsh the replies get their `--option=` back.
            function _complete_coursekit_equals() {
              local -a words=()
              local i n=${#COMP_WORDS[@]} cword=0 w prefix=""
              for (( i = 0; i < n; i++ )); do
                w=${COMP_WORDS[i]}
                if [[ "$w" == "=" ]] && (( i > 0 )) && [[ "${COMP_WORDS[i-1]}" == --* ]]; then
                  if (( COMP_CWORD != i && i + 1 < n )); then
                    (( i++ ))
                    w=${COMP_WORDS[i]}
                  else
                    w=""
                  fi
                elif [[ "$w" == --*=* ]]; then
                  words+=("${w%%=*}")
                  (( COMP_CWORD == i )) && prefix="${w%%=*}="
                  w=${w#*=}
                fi
                (( COMP_CWORD == i )) && cword=${#words[@]}
                words+=("$w")
              done
              local COMP_WORDS=("${words[@]}")
              local COMP_CWORD=$cword
              # zsh's compgen -f globs its PREFIX, which still holds `--option=`
              [ -n "$ZSH_VERSION" ] && [ -n "$prefix" ] && local PREFIX="${PREFIX#"$prefix"}"
              _complete_coursekit "$@"
              local rc=$?
              if [ -n "$prefix" ]; then
                for (( i = 0; i < ${#COMPREPLY[@]}; i++ )); do COMPREPLY[i]="$prefix${COMPREPLY[i]}"; done
              fi
              return $rc
            }
            """;

    static String withEqualsForm(String script) {
        String complete = "complete -F _complete_coursekit -o default";
        int at = script.lastIndexOf(complete);
        if (at < 0) {
            throw new IllegalStateException("picocli's completion script changed shape: no '" + complete + "'");
        }
        return script.substring(0, at) + EQUALS_FORM.substring(1) + "\n"
                + "complete -F _complete_coursekit_equals -o default" + script.substring(at + complete.length());
    }
}
