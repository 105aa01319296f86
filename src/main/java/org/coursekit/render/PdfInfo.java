package org.coursekit.render;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import com.lowagie.text.pdf.PdfReader;

/** Reads the document information of a PDF (e.g. the serial a certificate carries). */
public final class PdfInfo {
    private PdfInfo() {
    }

    /** The information dictionary's entries, or null when the bytes are not a readable PDF. */
    public static Map<String, String> read(byte[] pdf) {
        try {
            PdfReader reader = new PdfReader(pdf);
            try {
                return new HashMap<>(reader.getInfo());
            } finally {
                reader.close();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
