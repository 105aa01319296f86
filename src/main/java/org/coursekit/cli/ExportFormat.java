package org.coursekit.cli;

import java.io.Writer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import picocli.CommandLine;

/**
 * The values of the exports' {@code --format}. A row format (csv, json) writes any listing and is
 * offered by every list export (participants, attendance, certificates, reminders): a new one is
 * one constant here with its writer. The other formats belong to the one command named with them,
 * which writes them itself.
 */
enum ExportFormat {
    csv {
        @Override
        <T> void writeRows(Writer w, List<T> rows, List<Column<T>> columns, boolean excel) {
            OutputOptions.writeCsv(w, rows, columns, excel);
        }

        @Override
        boolean excel() {
            return true;
        }
    },
    json {
        @Override
        <T> void writeRows(Writer w, List<T> rows, List<Column<T>> columns, boolean excel) {
            OutputOptions.writeJson(w, rows, columns);
        }
    },
    /** A printable A4 list of those enrolled; the programme report for the funder. */
    pdf(ExportCommand.Participants.class, ExportCommand.Report.class),
    /** The reminders' sessions as one calendar. */
    ics(ExportCommand.Reminders.class),
    /** One e-mail per participant into a folder. */
    eml(ExportCommand.Reminders.class);

    /** The commands that offer this format; none for a row format (offered by all list exports). */
    private final List<Class<?>> only;

    ExportFormat(Class<?>... only) {
        this.only = List.of(only);
    }

    /** Whether this format writes rows with {@link #writeRows}. */
    boolean rows() {
        return only.isEmpty();
    }

    /** Whether {@code --excel} applies (CSV for German spreadsheet programs). */
    boolean excel() {
        return false;
    }

    /** The rows in this format; {@code excel} only where {@link #excel()}. */
    <T> void writeRows(Writer w, List<T> rows, List<Column<T>> columns, boolean excel) {
        throw new IllegalStateException(name() + " is not a row format");
    }

    /**
     * The formats one command offers, as its {@code --format}'s completion candidates and converter:
     * a value it does not offer is a usage error listing those it does (see {@link UsageErrors}).
     */
    abstract static class Offered implements Iterable<String>, CommandLine.ITypeConverter<ExportFormat> {
        private final Class<?> command;

        /** {@code command}: whose own formats to offer besides the row formats (null: none). */
        Offered(Class<?> command) {
            this.command = command;
        }

        private List<ExportFormat> formats() {
            return Arrays.stream(values()).filter(f -> f.rows() || (command != null && f.only.contains(command))).toList();
        }

        @Override
        public Iterator<String> iterator() {
            return formats().stream().map(ExportFormat::name).iterator();
        }

        @Override
        public ExportFormat convert(String value) {
            for (ExportFormat f : formats()) {
                if (f.name().equalsIgnoreCase(value)) {
                    return f;
                }
            }
            throw new CommandLine.TypeConversionException(value);
        }
    }

    /** The row formats only (attendance, certificates). */
    static final class OfLists extends Offered {
        OfLists() {
            super(null);
        }
    }

    /** {@code export participants}: the row formats and pdf. */
    static final class OfParticipants extends Offered {
        OfParticipants() {
            super(ExportCommand.Participants.class);
        }
    }

    /** {@code export report}: the row formats and pdf. */
    static final class OfReport extends Offered {
        OfReport() {
            super(ExportCommand.Report.class);
        }
    }

    /** {@code export reminders}: the row formats, ics and eml. */
    static final class OfReminders extends Offered {
        OfReminders() {
            super(ExportCommand.Reminders.class);
        }
    }
}
