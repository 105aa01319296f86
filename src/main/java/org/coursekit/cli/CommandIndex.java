package org.coursekit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.InitializationException;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IAnnotatedElement;
import picocli.CommandLine.Model.IExtensible;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.IScope;
import picocli.CommandLine.Model.IScoped;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.ITypeInfo;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * picocli's model of a command built from the command index, {@code commands.index} beside this
 * class, that {@link CommandIndexWriter} writes from the annotations at build time: the annotations
 * stay the one source, but reading them at run time would cost most of coursekit's start-up (the JDK
 * makes a proxy class per annotation type, which the AOT cache cannot keep, and picocli looks
 * through every command class's methods). This follows picocli's own
 * {@code CommandReflection.extractCommandSpec} step by step, with the annotation values from the
 * index ({@link AnnotationValues}) handed to picocli's public builders.
 *
 * <p>Without the index (a build that skipped the step), or when a class is missing from it,
 * {@link #get()} is null or {@link Missing} is thrown, and the caller reads the annotations.
 *
 * <p>The index, one record a line, fields separated by tabs (escaped: {@code \\ \t \n \r}):
 * {@code S class offset class offset...} first, where each class's records begin (counted in
 * characters from the line after it), so that a start need not search the whole text for them;
 * {@code C class} starts a class (every class of a hierarchy has one, even without annotations);
 * {@code A Command} its {@code @Command}; {@code A Option field toString auxiliaryTypes...} a
 * member's annotation; {@code V attribute values...} an attribute of the annotation above that
 * differs from its default.
 */
final class CommandIndex {
    static final String RESOURCE = "/org/coursekit/cli/commands.index";
    static final String HEADER = "coursekit-command-index 2";

    /** A class the index does not know: build that command from its annotations. */
    static final class Missing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Missing(String what) {
            super(what, null, false, false);
        }
    }

    /** One class: its {@code @Command} (or null) and its annotated fields in declaration order. */
    static final class Entry {
        AnnotationValues.Command command;
        final List<Member> members = new ArrayList<>();
    }

    /** One annotation on a field, with what picocli would derive from the field's declaration. */
    static final class Member {
        final String field;
        final AnnotationValues annotation;
        final String toString;
        final String[] auxiliaryTypes;

        Member(String field, AnnotationValues annotation, String toString, String[] auxiliaryTypes) {
            this.field = field;
            this.annotation = annotation;
            this.toString = toString;
            this.auxiliaryTypes = auxiliaryTypes;
        }
    }

    /** The index's text, and where each class's records are in it: a class is parsed when first asked for. */
    private final String text;
    private final Map<String, int[]> sections;
    /** The classes parsed so far (the tests run commands on several threads at once). */
    private final Map<String, Entry> classes = new HashMap<>();

    private CommandIndex(String text, Map<String, int[]> sections) {
        this.text = text;
        this.sections = sections;
    }

    private static final class Loaded {
        static final CommandIndex INDEX = read();
    }

    /** The index of this build, or null when the build wrote none. */
    static CommandIndex get() {
        return Loaded.INDEX;
    }

    private static CommandIndex read() {
        try (InputStream in = org.coursekit.i18n.Resources.open(RESOURCE)) {
            return in == null ? null : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return null;    // unreadable: the annotations still say everything
        }
    }

    /**
     * The index in {@code text}; null if it is none. Only where each class's records are is found
     * here: from the table of the S line, checked (each offset must be its class's C line), or, when
     * that does not hold, by looking through the whole text for the C lines.
     */
    static CommandIndex parse(String text) {
        if (!text.startsWith(HEADER + "\n")) {
            return null;
        }
        Map<String, int[]> sections = fromTable(text, HEADER.length() + 1);
        return new CommandIndex(text, sections != null ? sections : search(text));
    }

    /** The sections as the S line at {@code at} says, each checked; null if there is none or one is wrong. */
    static Map<String, int[]> fromTable(String text, int at) {
        int end = text.indexOf('\n', at);
        if (end < 0 || !text.startsWith("S\t", at)) {
            return null;
        }
        int body = end + 1;
        String[] f = split(text.substring(at, end));
        if (f.length % 2 != 1) {
            return null;
        }
        Map<String, int[]> sections = new HashMap<>();
        int[] previous = null;
        for (int i = 1; i < f.length; i += 2) {
            int from;
            try {
                from = body + Integer.parseInt(f[i + 1]);
            } catch (NumberFormatException e) {
                return null;
            }
            String name = f[i];
            int nameEnd = from + 2 + name.length();
            if (!text.startsWith("C\t" + name + "\n", from) || previous != null && from < previous[0]) {
                return null;
            }
            if (previous != null) {
                previous[1] = from;
            }
            previous = new int[] {nameEnd + 1, text.length()};
            sections.put(name, previous);
        }
        return sections;
    }

    /** The sections found by looking for every C line. */
    private static Map<String, int[]> search(String text) {
        Map<String, int[]> sections = new HashMap<>();
        int at = text.indexOf("\nC\t");
        while (at >= 0) {
            int nameEnd = text.indexOf('\n', at + 3);
            int next = text.indexOf("\nC\t", nameEnd);
            sections.put(text.substring(at + 3, nameEnd), new int[] {nameEnd + 1, next < 0 ? text.length() : next + 1});
            at = next;
        }
        return sections;
    }

    /** The classes of the index, and each one's records as text (for the tests: the two ways of finding them agree). */
    Map<String, String> records() {
        Map<String, String> m = new java.util.TreeMap<>();
        sections.forEach((name, at) -> m.put(name, text.substring(at[0], at[1])));
        return m;
    }

    /** A class's records, parsed; null if the index has no such class. */
    private Entry entry(String className) {
        synchronized (classes) {
            return entryLocked(className);
        }
    }

    private Entry entryLocked(String className) {
        Entry entry = classes.get(className);
        if (entry == null) {
            int[] section = sections.get(className);
            if (section == null) {
                return null;
            }
            entry = parseEntry(text, section[0], section[1]);
            classes.put(className, entry);
        }
        return entry;
    }

    private static Entry parseEntry(String text, int from, int to) {
        Entry entry = new Entry();
        String kind = null;
        String[] member = null;
        Map<String, String[]> values = null;
        for (int at = from; ; ) {
            int end = at < to ? text.indexOf('\n', at) : to;
            String[] f = at < to ? split(text.substring(at, end < 0 || end > to ? to : end)) : new String[] {"A"};
            if (f[0].equals("A") && kind != null) {
                AnnotationValues a = values(kind, values);
                if (member == null) {
                    entry.command = (AnnotationValues.Command) a;
                } else {
                    String[] aux = new String[member.length - 4];
                    System.arraycopy(member, 4, aux, 0, aux.length);
                    entry.members.add(new Member(member[2], a, member[3], aux));
                }
                kind = null;
            }
            if (at >= to) {
                return entry;
            }
            if (f[0].equals("A")) {
                kind = f[1];
                member = f.length > 2 ? f : null;
                values = new HashMap<>();
            } else if (f[0].equals("V")) {
                String[] v = new String[f.length - 2];
                System.arraycopy(f, 2, v, 0, v.length);
                values.put(f[1], v);
            } else {
                throw new IllegalStateException("command index: unknown record " + f[0]);
            }
            at = end < 0 ? to : end + 1;
        }
    }

    private static AnnotationValues values(String kind, Map<String, String[]> v) {
        return switch (kind) {
            case "Command" -> new AnnotationValues.Command(v);
            case "Option" -> new AnnotationValues.Option(v);
            case "Parameters" -> new AnnotationValues.Parameters(v);
            case "ArgGroup" -> new AnnotationValues.ArgGroup(v);
            case "Mixin" -> new AnnotationValues.Mixin(v);
            case "Spec" -> new AnnotationValues.Spec(v);
            case "ParentCommand" -> new AnnotationValues.ParentCommand(v);
            default -> throw new IllegalArgumentException("unknown annotation " + kind);
        };
    }

    /** A line's fields, unescaped. */
    static String[] split(String line) {
        List<String> fields = new ArrayList<>();
        int at = 0;
        for (int tab = line.indexOf('\t'); ; tab = line.indexOf('\t', at)) {
            String f = line.substring(at, tab < 0 ? line.length() : tab);
            fields.add(f.indexOf('\\') < 0 ? f : unescape(f));
            if (tab < 0) {
                return fields.toArray(new String[0]);
            }
            at = tab + 1;
        }
    }

    private static String unescape(String f) {
        StringBuilder b = new StringBuilder(f.length());
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c == '\\' && i + 1 < f.length()) {
                char n = f.charAt(++i);
                b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** A field for a line: tabs, line breaks and backslashes escaped. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A class by its binary name (also primitives and arrays, as {@link Class#getName} writes them). */
    static Class<?> load(String name) {
        switch (name) {
            case "boolean": return boolean.class;
            case "byte": return byte.class;
            case "char": return char.class;
            case "short": return short.class;
            case "int": return int.class;
            case "long": return long.class;
            case "float": return float.class;
            case "double": return double.class;
            default:
                Class<?> c = LOADED.get(name);
                if (c == null) {
                    try {
                        c = Class.forName(name, false, CommandIndex.class.getClassLoader());
                    } catch (ClassNotFoundException e) {
                        throw new Missing(name);
                    }
                    LOADED.put(name, c);
                }
                return c;
        }
    }

    /** The classes looked up so far: picocli's defaults are asked for a few times per option. */
    private static final Map<String, Class<?>> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The name of a command class's {@code @Command}. */
    String name(Class<?> cls) {
        Entry e = entry(cls.getName());
        if (e == null || e.command == null) {
            throw new Missing(cls.getName());
        }
        return e.command.name();
    }

    /** The model of a new instance of the command class, as {@code CommandSpec.forAnnotatedObject} would build it. */
    CommandSpec spec(Class<?> cls, IFactory factory) {
        Object instance;
        try {
            instance = factory.create(cls);
        } catch (Exception e) {
            throw new InitializationException("Could not instantiate " + cls + ": " + e, e);
        }
        return spec(instance, factory);
    }

    /** The model of a command object, as {@code CommandSpec.forAnnotatedObject} would build it. */
    CommandSpec spec(Object command, IFactory factory) {
        return extract(command, factory).spec;
    }

    private static final class Extracted {
        final CommandSpec spec;
        final List<Element> specElements = new ArrayList<>();

        Extracted(CommandSpec spec) {
            this.spec = spec;
        }
    }

    /** The class and its superclasses but Object, the topmost first (as picocli reads them). */
    private static List<Class<?>> chain(Class<?> cls) {
        List<Class<?>> top = new ArrayList<>();
        for (Class<?> c = cls; c != null && c != Object.class; c = c.getSuperclass()) {
            top.add(0, c);
        }
        return top;
    }

    private List<Entry> hierarchy(Class<?> cls) {
        List<Entry> top = new ArrayList<>();
        for (Class<?> c = cls; c != null && c != Object.class; c = c.getSuperclass()) {
            Entry e = entry(c.getName());
            if (e == null) {
                throw new Missing(c.getName());
            }
            top.add(0, e);
        }
        return top;
    }

    private Extracted extract(Object command, IFactory factory) {
        Class<?> cls = command.getClass();
        List<Entry> entries = hierarchy(cls);
        CommandSpec result = CommandSpec.wrapWithoutInspection(command, factory);
        Extracted x = new Extracted(result);
        Holder scope = new Holder(command);
        boolean hasCommandAnnotation = false;
        boolean mixinStandardHelpOptions = false;
        List<Class<?>> classChain = chain(cls);
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            AnnotationValues.Command cmd = e.command;
            if (cmd != null) {
                result.updateCommandAttributes(cmd, factory);
                injectSpecIntoVersionProvider(result, cmd, factory, x);
                hasCommandAnnotation = true;
                mixinStandardHelpOptions |= cmd.mixinStandardHelpOptions();
            }
            // no subcommands in @Command and no @Command methods: CommandIndexWriter refuses both
            hasCommandAnnotation |= members(scope, classChain.get(i), e, result, null, factory, x, false);
        }
        mixinStandardHelpOptions(result, mixinStandardHelpOptions);
        if (!hasCommandAnnotation && result.positionalParameters().isEmpty() && result.optionsMap().isEmpty()) {
            throw new InitializationException(cls.getName() + " is not a command: it has no @Command, @Option, @Parameters or @Unmatched annotations");
        }
        return x;
    }

    private void injectSpecIntoVersionProvider(CommandSpec result, AnnotationValues.Command cmd, IFactory factory, Extracted x) {
        if (result.versionProvider() == null) {
            return;
        }
        Class<?> provider = cmd.versionProvider();
        Entry e = entry(provider.getName());
        if (e == null) {
            throw new Missing(provider.getName());
        }
        members(new Holder(result.versionProvider()), provider, e, result, null, factory, x, true);
    }

    /** {@code CommandSpec.mixinStandardHelpOptions(true)}, with picocli's help mixin from the index too. */
    private void mixinStandardHelpOptions(CommandSpec spec, boolean on) {
        if (!on) {
            spec.mixinStandardHelpOptions(false);
            return;
        }
        Class<?> autoHelp = load("picocli.CommandLine$AutoHelpMixin");
        CommandSpec mixin = spec(autoHelp, CommandLine.defaultFactory());
        boolean overlap = false;
        for (String key : mixin.optionsMap().keySet()) {
            if (spec.optionsMap().containsKey(key)) {
                overlap = true;
                break;
            }
        }
        if (!overlap) {
            // picocli also sets the mixin's inherited() to the command's: false for a command not yet added
            spec.addMixin("mixinStandardHelpOptions", mixin);
        }
        // picocli would add the options to the subcommands too, for an inherited command: none yet
    }

    /** {@code initFromAnnotatedMembers} over one class's fields; true if one is an option, parameter or mixin. */
    private boolean members(Holder scope, Class<?> cls, Entry entry, CommandSpec commandSpec, ArgGroupSpec.Builder group,
            IFactory factory, Extracted x, boolean specOnly) {
        boolean result = false;
        for (Member m : entry.members) {
            if (specOnly && !(m.annotation instanceof AnnotationValues.Spec)) {
                continue;
            }
            Element member = new Element(field(cls, m.field), m, scope);
            result |= member(member, commandSpec, group, factory, x);
        }
        return result;
    }

    private static Field field(Class<?> cls, String name) {
        try {
            Field f = cls.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new Missing(cls.getName() + "." + name);
        }
    }

    /** {@code initFromAnnotatedTypedMembers}. */
    private boolean member(Element member, CommandSpec commandSpec, ArgGroupSpec.Builder group, IFactory factory, Extracted x) {
        boolean result = false;
        if (member.isMixin()) {
            if (group != null) {
                throw new InitializationException("@Mixins are not supported on @ArgGroups");
            }
            Extracted mixin = mixin(member, factory);
            commandSpec.addMixin(member.getMixinName(), mixin.spec, member);
            for (Element e : mixin.specElements) {
                if (e.getAnnotation(CommandLine.Spec.class).value() == CommandLine.Spec.Target.MIXEE) {
                    try {
                        e.setter().set(commandSpec);
                    } catch (Exception ex) {
                        throw new InitializationException("Could not inject MIXEE spec", ex);
                    }
                }
            }
            result = true;
        }
        if (member.isArgGroup()) {
            ArgGroupSpec spec = argGroup(member, factory, commandSpec, x);
            if (group != null) {
                group.addSubgroup(spec);
            } else {
                commandSpec.addArgGroup(spec);
            }
            return true;
        }
        if (member.isArgSpec()) {
            if (Modifier.isFinal(member.field.getModifiers())
                    && (member.field.getType().isPrimitive() || String.class.isAssignableFrom(member.field.getType()))) {
                throw new InitializationException("Constant (final) primitive and String fields like " + member.field
                        + " cannot be used as " + (member.isOption() ? "an @Option" : "a @Parameter")
                        + ": compile-time constant inlining may hide new values written to it.");
            }
            CommandLine.Model.ArgSpec arg = member.isOption()
                    ? OptionSpec.builder(member, factory).build()
                    : PositionalParamSpec.builder(member, factory).build();
            if (group != null) {
                group.addArg(arg);
            } else {
                commandSpec.add(arg);
            }
            result = true;
        }
        if (member.isSpec()) {
            if (!CommandSpec.class.getName().equals(member.getTypeInfo().getClassName())) {
                throw new InitializationException("@picocli.CommandLine.Spec annotation is only supported on fields of type " + CommandSpec.class.getName());
            }
            if (group != null) {
                group.addSpecElement(member);
            } else {
                commandSpec.addSpecElement(member);
                x.specElements.add(member);
                if (member.getAnnotation(CommandLine.Spec.class).value() == CommandLine.Spec.Target.SELF) {
                    try {
                        member.setter().set(commandSpec);
                    } catch (Exception ex) {
                        throw new InitializationException("Could not inject spec", ex);
                    }
                }
            }
        }
        if (member.isParentCommand()) {
            commandSpec.addParentCommandElement(member);
        }
        return result;
    }

    /** {@code buildMixinForMember}. */
    private Extracted mixin(Element member, IFactory factory) {
        try {
            Object userObject = member.getter().get();
            if (userObject == null) {
                userObject = factory.create(member.getTypeInfo().getType());
                member.setter().set(userObject);
            }
            Extracted result = extract(userObject, factory);
            result.spec.withToString(member.getToString());
            return result;
        } catch (InitializationException | Missing ex) {
            throw ex;
        } catch (Exception ex) {
            throw new InitializationException("Could not access or modify mixin member " + member + ": " + ex, ex);
        }
    }

    /** {@code extractArgGroupSpec}. */
    private ArgGroupSpec argGroup(Element member, IFactory factory, CommandSpec commandSpec, Extracted x) {
        Object instance = null;
        try {
            instance = member.getter().get();
        } catch (Exception ignored) {
            // picocli too goes on with the declared type
        }
        Class<?> cls = instance == null ? member.getTypeInfo().getType() : instance.getClass();
        if (member.isMultiValue()) {
            cls = member.getTypeInfo().getAuxiliaryTypes()[0];
        }
        Holder scope = new Holder(instance);
        ArgGroupSpec.Builder builder = ArgGroupSpec.builder(member);
        builder.updateArgGroupAttributes(member.getAnnotation(CommandLine.ArgGroup.class));
        List<Entry> entries = hierarchy(cls);
        List<Class<?>> chain = chain(cls);
        boolean hasArgAnnotation = false;
        for (int i = 0; i < entries.size(); i++) {
            hasArgAnnotation |= members(scope, chain.get(i), entries.get(i), commandSpec, builder, factory, x, false);
        }
        ArgGroupSpec result = builder.build();
        if (!hasArgAnnotation && result.args().isEmpty()) {
            throw new InitializationException(cls.getName() + " is not a group: it has no @Option or @Parameters annotations");
        }
        return result;
    }

    /** What picocli's {@code ObjectScope} is: the object whose fields an element reads and writes. */
    static final class Holder implements IScope {
        private Object value;

        Holder(Object value) {
            this.value = value;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) value;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T value) {
            T old = (T) this.value;
            this.value = value;
            return old;
        }
    }

    /**
     * What picocli's {@code FieldBinding} is: one field of the scope's object. It reads and writes the
     * field through a {@link VarHandle} called with the field's own type (a cast to {@code boolean},
     * {@code int}, … or to Object), not through {@link Field#get}: since Java 18 core reflection is
     * built on method handles, and its first access to a field of each kind generates classes at run
     * time (six for {@code course list}, which the AOT cache does not hold: 16–17 ms of its start on Java 25);
     * an exactly typed VarHandle call uses the JDK's prepared code. Static and final fields (none of
     * coursekit's options) keep reflection.
     */
    static final class Binding implements IGetter, ISetter, IScoped {
        private final IScope scope;
        private final Field field;
        /** The field's VarHandle, made on first use; null for a static or final field. */
        private VarHandle handle;

        Binding(IScope scope, Field field) {
            this.scope = scope;
            this.field = field;
        }

        @Override
        public IScope getScope() {
            return scope;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            Object obj = target();
            try {
                return (T) read(obj);
            } catch (Exception ex) {
                throw new CommandLine.PicocliException("Could not get value for field " + field, ex);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T value) {
            Object obj = target();
            try {
                T old = (T) read(obj);
                write(obj, value);
                return old;
            } catch (Exception ex) {
                throw new CommandLine.PicocliException("Could not set value for field " + field + " to " + value, ex);
            }
        }

        private VarHandle handle() throws IllegalAccessException {
            if (handle == null && (field.getModifiers() & (Modifier.STATIC | Modifier.FINAL)) == 0) {
                handle = MethodHandles.privateLookupIn(field.getDeclaringClass(), MethodHandles.lookup()).unreflectVarHandle(field);
            }
            return handle;
        }

        /** The field's value, boxed; each call typed exactly as the field (see the class comment). */
        private Object read(Object obj) throws IllegalAccessException {
            VarHandle h = handle();
            if (h == null) {
                return field.get(obj);
            }
            Class<?> t = field.getType();
            if (!t.isPrimitive()) {
                return (Object) h.get(obj);
            } else if (t == boolean.class) {
                return (boolean) h.get(obj);
            } else if (t == int.class) {
                return (int) h.get(obj);
            } else if (t == long.class) {
                return (long) h.get(obj);
            } else if (t == double.class) {
                return (double) h.get(obj);
            } else if (t == float.class) {
                return (float) h.get(obj);
            } else if (t == short.class) {
                return (short) h.get(obj);
            } else if (t == byte.class) {
                return (byte) h.get(obj);
            } else {
                return (char) h.get(obj);
            }
        }

        /** Sets the field to {@code value} (boxed for a primitive field; null there is refused, as by Field.set). */
        private void write(Object obj, Object value) throws IllegalAccessException {
            VarHandle h = handle();
            if (h == null) {
                field.set(obj, value);
                return;
            }
            Class<?> t = field.getType();
            if (!t.isPrimitive()) {
                h.set(obj, t.cast(value));
            } else if (value == null) {
                throw new IllegalArgumentException("null for the " + t + " field " + field.getName());
            } else if (t == boolean.class) {
                h.set(obj, (boolean) (Boolean) value);
            } else if (t == int.class) {
                h.set(obj, (int) (Integer) value);
            } else if (t == long.class) {
                h.set(obj, (long) (Long) value);
            } else if (t == double.class) {
                h.set(obj, (double) (Double) value);
            } else if (t == float.class) {
                h.set(obj, (float) (Float) value);
            } else if (t == short.class) {
                h.set(obj, (short) (Short) value);
            } else if (t == byte.class) {
                h.set(obj, (byte) (Byte) value);
            } else {
                h.set(obj, (char) (Character) value);
            }
        }

        /** The object whose field this is. */
        private Object target() {
            try {
                return scope.get();
            } catch (Exception ex) {
                throw new CommandLine.PicocliException("Could not get scope for field " + field, ex);
            }
        }

        @Override
        public String toString() {
            return String.format("%s(%s %s.%s)", getClass().getSimpleName(), field.getType().getName(),
                    field.getDeclaringClass().getName(), field.getName());
        }
    }

    /** What picocli's {@code TypedMember} is for a field, with the annotation from the index. */
    static final class Element implements IAnnotatedElement, IExtensible {
        final Field field;
        private final Member member;
        private final IScope scope;
        private final Binding binding;
        private final ITypeInfo typeInfo;

        Element(Field field, Member member, IScope scope) {
            this.field = field;
            this.member = member;
            this.scope = scope;
            this.binding = new Binding(scope, field);
            Class<?>[] aux = new Class<?>[member.auxiliaryTypes.length];
            for (int i = 0; i < aux.length; i++) {
                aux[i] = load(member.auxiliaryTypes[i]);
            }
            // picocli's RuntimeTypeInfo is not public: a positional parameter of this type makes one
            // (without the generic type arguments, which picocli reads only for @Unmatched)
            this.typeInfo = PositionalParamSpec.builder().type(field.getType()).auxiliaryTypes(aux).build().typeInfo();
        }

        @Override public Object userObject() { return field; }
        @Override public boolean isAnnotationPresent(Class<? extends Annotation> annotationClass) { return member.annotation.annotationType() == annotationClass; }

        @Override
        public <T extends Annotation> T getAnnotation(Class<T> annotationClass) {
            return isAnnotationPresent(annotationClass) ? annotationClass.cast(member.annotation) : null;
        }

        @Override public String getName() { return field.getName(); }

        @Override
        public String getMixinName() {
            String name = getAnnotation(CommandLine.Mixin.class).name();
            return name == null || name.isEmpty() ? getName() : name;
        }

        @Override public boolean isArgSpec() { return isOption() || isParameter(); }
        @Override public boolean isOption() { return member.annotation instanceof AnnotationValues.Option; }
        @Override public boolean isParameter() { return member.annotation instanceof AnnotationValues.Parameters; }
        @Override public boolean isArgGroup() { return member.annotation instanceof AnnotationValues.ArgGroup; }
        @Override public boolean isMixin() { return member.annotation instanceof AnnotationValues.Mixin; }
        @Override public boolean isUnmatched() { return false; }
        @Override public boolean isSpec() { return member.annotation instanceof AnnotationValues.Spec; }
        @Override public boolean isParentCommand() { return member.annotation instanceof AnnotationValues.ParentCommand; }
        @Override public boolean isMultiValue() { return typeInfo.isMultiValue(); }

        @Override
        public boolean isInteractive() {
            return member.annotation instanceof AnnotationValues.Option o ? o.interactive()
                    : member.annotation instanceof AnnotationValues.Parameters p && p.interactive();
        }

        @Override public boolean hasInitialValue() { return true; }
        @Override public boolean isMethodParameter() { return false; }
        @Override public int getMethodParamPosition() { return -1; }
        @Override public IScope scope() { return scope; }
        @Override public IGetter getter() { return binding; }
        @Override public ISetter setter() { return binding; }
        @Override public ITypeInfo getTypeInfo() { return typeInfo; }
        @Override public String getToString() { return member.toString; }
        @Override public String toString() { return field.toString(); }

        /**
         * picocli asks for its (package-private) {@code InitialValueState}: {@code POSTPONED} as for
         * an annotated field, so that the field's initial value is read when first needed.
         */
        @Override
        public <T> T getExtension(Class<T> cls) {
            if (cls.isEnum() && cls.getName().equals("picocli.CommandLine$Model$InitialValueState")) {
                for (T constant : cls.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equals("POSTPONED")) {
                        return constant;
                    }
                }
            }
            return null;
        }
    }
}
