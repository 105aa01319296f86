package org.sqlite.util;

import java.util.function.Supplier;
import java.util.logging.Level;

/**
 * coursekit's copy of sqlite-jdbc's logger factory (this class comes before the driver's own on
 * the class path; {@code ShadowedDriverClassesTest} checks that it keeps the original's members and
 * that the driver is still the version it was written for). It logs as the original does, through
 * java.util.logging, with two differences that keep every start of coursekit short:
 * <ul>
 * <li>it does not look for SLF4J: the driver's {@code Class.forName("org.slf4j.Logger")} searched
 *     every jar of the class path, in vain, at every start;</li>
 * <li>it skips trace messages (the driver traces every statement it prepares), and makes the
 *     java.util.logging logger only for a message that may be logged: setting up java.util.logging
 *     reads its configuration and looks for a logging provider in every jar. Trace messages were
 *     never shown (java.util.logging's default level is INFO); the driver's information, warnings
 *     and errors still are.</li>
 * </ul>
 */
public class LoggerFactory {
    /** As in the original: whether SLF4J is used (never, here). */
    static final boolean USE_SLF4J = false;

    public static Logger getLogger(Class<?> hostClass) {
        return new JDKLogger(hostClass);
    }

    private static final class JDKLogger implements Logger {
        private final Class<?> host;
        private volatile java.util.logging.Logger logger;

        JDKLogger(Class<?> host) {
            this.host = host;
        }

        private java.util.logging.Logger logger() {
            java.util.logging.Logger l = logger;
            if (l == null) {
                l = java.util.logging.Logger.getLogger(host.getCanonicalName());
                logger = l;
            }
            return l;
        }

        @Override
        public void trace(Supplier<String> message) {
            // skipped: see the class comment
        }

        @Override
        public void info(Supplier<String> message) {
            log(Level.INFO, message, null);
        }

        @Override
        public void warn(Supplier<String> message) {
            log(Level.WARNING, message, null);
        }

        @Override
        public void error(Supplier<String> message, Throwable t) {
            log(Level.SEVERE, message, t);
        }

        private void log(Level level, Supplier<String> message, Throwable t) {
            java.util.logging.Logger l = logger();
            if (l.isLoggable(level)) {
                l.log(level, message.get(), t);
            }
        }
    }
}
