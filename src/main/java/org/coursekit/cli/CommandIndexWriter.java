package org.coursekit.cli;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import picocli.CommandLine;
import picocli.CommandLine.Model.IAnnotatedElement;

/**
 * Writes the command index ({@link CommandIndex}) from the annotations of every command class that
 * {@link CoursekitCommand} builds, their superclasses, mixins, argument groups and version
 * providers; run by the build after compiling ({@code process-classes}):
 * {@code java org.coursekit.cli.CommandIndexWriter target/classes/org/coursekit/cli/commands.index}.
 * What the index cannot express (subcommands in {@code @Command}, annotated methods,
 * {@code @Unmatched}, two picocli annotations on one field) stops the build with a message.
 */
final class CommandIndexWriter {
    private static final List<Class<? extends Annotation>> MEMBER_ANNOTATIONS = List.of(
            CommandLine.Option.class, CommandLine.Parameters.class, CommandLine.ArgGroup.class,
            CommandLine.Mixin.class, CommandLine.Spec.class, CommandLine.ParentCommand.class,
            CommandLine.Unmatched.class);

    private CommandIndexWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        String index = write(CoursekitCommand.commandClasses());
        if (!Files.exists(out) || !Files.readString(out, StandardCharsets.UTF_8).equals(index)) {
            Files.createDirectories(out.getParent());
            Files.writeString(out, index, StandardCharsets.UTF_8);
        }
    }

    /** The index of these command classes and all that their models take from other classes. */
    static String write(List<Class<?>> commands) throws ReflectiveOperationException {
        Deque<Class<?>> todo = new ArrayDeque<>(commands);
        todo.add(Class.forName("picocli.CommandLine$AutoHelpMixin"));     // mixinStandardHelpOptions
        Set<Class<?>> done = new LinkedHashSet<>();
        StringBuilder s = new StringBuilder();
        StringBuilder table = new StringBuilder("S");
        while (!todo.isEmpty()) {
            for (Class<?> c = todo.poll(); c != null && c != Object.class; c = c.getSuperclass()) {
                if (done.add(c)) {
                    table.append('\t').append(CommandIndex.escape(c.getName())).append('\t').append(s.length());
                    writeClass(s, c, todo);
                }
            }
        }
        return CommandIndex.HEADER + "\n" + table + "\n" + s;
    }

    private static void writeClass(StringBuilder s, Class<?> cls, Deque<Class<?>> todo) throws ReflectiveOperationException {
        s.append("C\t").append(CommandIndex.escape(cls.getName())).append('\n');
        for (Method m : cls.getDeclaredMethods()) {
            if (m.isAnnotationPresent(CommandLine.Command.class) || MEMBER_ANNOTATIONS.stream().anyMatch(m::isAnnotationPresent)) {
                throw fail(m + ": annotated methods are not in the command index; annotate a field");
            }
        }
        CommandLine.Command cmd = cls.getAnnotation(CommandLine.Command.class);
        if (cmd != null) {
            if (cmd.subcommands().length > 0) {
                throw fail(cls.getName() + ": add subcommands in CoursekitCommand's GROUPS, not in @Command(subcommands)");
            }
            s.append("A\tCommand\n");
            values(s, cmd);
            todo.add(cmd.versionProvider());
        }
        for (Field f : cls.getDeclaredFields()) {
            List<Annotation> found = new ArrayList<>();
            for (Class<? extends Annotation> type : MEMBER_ANNOTATIONS) {
                Annotation a = f.getAnnotation(type);
                if (a != null) {
                    found.add(a);
                }
            }
            if (found.isEmpty()) {
                continue;
            }
            if (found.size() > 1 || found.get(0) instanceof CommandLine.Unmatched) {
                throw fail(f + ": " + found + " is not in the command index");
            }
            Annotation a = found.get(0);
            IAnnotatedElement member = typedMember(f);
            s.append("A\t").append(a.annotationType().getSimpleName()).append('\t').append(CommandIndex.escape(f.getName()))
                    .append('\t').append(CommandIndex.escape(member.getToString()));
            boolean typed = a instanceof CommandLine.Option || a instanceof CommandLine.Parameters
                    || a instanceof CommandLine.ArgGroup || a instanceof CommandLine.Mixin;
            if (typed) {
                for (Class<?> aux : member.getTypeInfo().getAuxiliaryTypes()) {
                    s.append('\t').append(CommandIndex.escape(aux.getName()));
                }
            }
            s.append('\n');
            values(s, a);
            if (a instanceof CommandLine.Mixin) {
                todo.add(f.getType());
            } else if (a instanceof CommandLine.ArgGroup) {
                todo.add(member.isMultiValue() ? member.getTypeInfo().getAuxiliaryTypes()[0] : f.getType());
            }
        }
    }

    /** picocli's own view of the field (its type information and description), made as picocli makes it. */
    private static IAnnotatedElement typedMember(Field f) throws ReflectiveOperationException {
        Constructor<?> c = Class.forName("picocli.CommandLine$Model$TypedMember").getDeclaredConstructor(Field.class);
        c.setAccessible(true);
        return (IAnnotatedElement) c.newInstance(f);
    }

    /** The attributes that differ from their defaults, by name. */
    private static void values(StringBuilder s, Annotation a) throws ReflectiveOperationException {
        Method[] methods = a.annotationType().getDeclaredMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method m : methods) {
            Object value = m.invoke(a);
            if (Objects.deepEquals(value, m.getDefaultValue())) {
                continue;
            }
            s.append("V\t").append(m.getName());
            Object[] items = value.getClass().isArray() ? toArray(value) : new Object[] {value};
            for (Object item : items) {
                s.append('\t').append(CommandIndex.escape(text(item, a, m)));
            }
            s.append('\n');
        }
    }

    private static Object[] toArray(Object array) {
        Object[] items = new Object[java.lang.reflect.Array.getLength(array)];
        for (int i = 0; i < items.length; i++) {
            items[i] = java.lang.reflect.Array.get(array, i);
        }
        return items;
    }

    private static String text(Object item, Annotation a, Method m) {
        if (item instanceof String || item instanceof Boolean || item instanceof Integer || item instanceof Character) {
            return String.valueOf(item);
        } else if (item instanceof Class<?> c) {
            return c.getName();
        } else if (item instanceof Enum<?> e) {
            return e.name();
        }
        throw fail("@" + a.annotationType().getSimpleName() + "." + m.getName() + ": a value of type "
                + item.getClass().getName() + " is not in the command index");
    }

    private static IllegalStateException fail(String message) {
        return new IllegalStateException("command index: " + message);
    }
}
