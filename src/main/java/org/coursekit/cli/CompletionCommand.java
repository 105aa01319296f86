package org.coursekit.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print the shell completion script for bash or zsh (the same as the files in completion/).",
            "Options with fixed values (--format, --kind, --lang, ...) complete their values."},
        footerHeading = "%nExamples:%n",
        footer = {"  source <(coursekit completion bash)                      # this shell",
            "  coursekit completion bash > ~/.local/share/bash-completion/completions/coursekit",
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
        String bash = AutoComplete.bash("coursekit", root);
        if (shell == Shell.bash) {
            return bash;
        }
        return "#compdef coursekit\n"
                + "# zsh completion for coursekit: the bash completion through zsh's bashcompinit.\n"
                + "autoload -U +X compinit && compinit\n"
                + "autoload -U +X bashcompinit && bashcompinit\n"
                + bash;
    }
}
