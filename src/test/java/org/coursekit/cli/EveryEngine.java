package org.coursekit.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Stream;

import org.coursekit.store.postgres.TestPostgres;
import org.junit.jupiter.api.ClassTemplate;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContext;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Runs a CLI test class once on each engine: on SQLite files ({@code [1] SQLite}), then on the
 * test PostgreSQL ({@code [2] PostgreSQL}, a fresh database for each {@link Cli}). Both runs are
 * classes of one test run, so they run in parallel with every other class rather than in a second
 * run after the first: the PostgreSQL run waits for its server much of the time, and another class
 * uses the core meanwhile. {@code -Dcoursekit.pg.skip=true} leaves the PostgreSQL run out.
 *
 * <p>The runs, and the tests of each, run in parallel ({@code @Execution(CONCURRENT)}: JUnit would
 * run class templates one after the other, on one thread): each test has its own folder and
 * database, and a class's tests share nothing but what is made once for all of them ({@link
 * Cli#copyOf}, by engine). The engine is the thread's while the class's code runs (its constructor,
 * its lifecycle methods, its tests): {@link TestPostgres#selected} answers for that thread, so that
 * {@code new Cli(dir)} takes the run's engine.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ClassTemplate
@Execution(ExecutionMode.CONCURRENT)
@ExtendWith(EveryEngine.Runs.class)
public @interface EveryEngine {

    /** The engines the runs are on; a test may take the one of its run as a parameter. */
    enum Engine {
        SQLITE("SQLite"), POSTGRESQL("PostgreSQL");

        final String label;

        Engine(String label) {
            this.label = label;
        }
    }

    /** The two runs of an {@link EveryEngine} class. */
    final class Runs implements ClassTemplateInvocationContextProvider {
        @Override
        public boolean supportsClassTemplate(ExtensionContext context) {
            return true;
        }

        @Override
        public Stream<ClassTemplateInvocationContext> provideClassTemplateInvocationContexts(ExtensionContext context) {
            // a configuration parameter of JUnit's, or (as surefire passes it) a system property
            boolean skipPostgres = context.getConfigurationParameter("coursekit.pg.skip", Boolean::parseBoolean).orElse(false);
            return (skipPostgres ? Stream.of(Engine.SQLITE) : Stream.of(Engine.values())).map(Run::new);
        }
    }

    /** One run: its engine, the thread's for every invocation of the class's code. */
    final class Run implements ClassTemplateInvocationContext, InvocationInterceptor, ParameterResolver {
        final Engine engine;

        Run(Engine engine) {
            this.engine = engine;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + invocationIndex + "] " + engine.label;
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(this);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Engine.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return engine;
        }

        private <T> T on(Invocation<T> invocation) throws Throwable {
            Boolean before = TestPostgres.select(engine == Engine.POSTGRESQL);
            try {
                return invocation.proceed();
            } finally {
                TestPostgres.select(before);
            }
        }

        @Override
        public <T> T interceptTestClassConstructor(Invocation<T> invocation, ReflectiveInvocationContext<Constructor<T>> c,
                ExtensionContext context) throws Throwable {
            return on(invocation);
        }

        @Override
        public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> m,
                ExtensionContext context) throws Throwable {
            on(invocation);
        }

        @Override
        public void interceptBeforeEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> m,
                ExtensionContext context) throws Throwable {
            on(invocation);
        }

        @Override
        public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> m,
                ExtensionContext context) throws Throwable {
            on(invocation);
        }

        @Override
        public <T> T interceptTestFactoryMethod(Invocation<T> invocation, ReflectiveInvocationContext<Method> m,
                ExtensionContext context) throws Throwable {
            return on(invocation);
        }

        @Override
        public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> m,
                ExtensionContext context) throws Throwable {
            on(invocation);
        }

        @Override
        public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext d,
                ExtensionContext context) throws Throwable {
            on(invocation);
        }

        @Override
        public void interceptAfterEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> m,
                ExtensionContext context) throws Throwable {
            on(invocation);
        }

        @Override
        public void interceptAfterAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> m,
                ExtensionContext context) throws Throwable {
            on(invocation);
        }
    }
}
