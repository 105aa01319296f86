package org.coursekit.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.coursekit.domain.CertificateTemplate;
import org.coursekit.domain.InvalidData;
import org.coursekit.domain.Msg;

/** Reads certificate templates (JSON), the default ones from the classpath and users' own files. */
public final class TemplateFile {
    private static final Set<String> TOP = Set.of("$schema", "page", "background", "font", "blocks", "bottom", "codes");
    private static final Set<String> PAGE = Set.of("size", "orientation", "margins");
    private static final Set<String> BACKGROUND = Set.of("pdf", "image");
    private static final Set<String> FONT = Set.of("regular", "bold");
    private static final Set<String> BLOCK = Set.of("type", "text", "size", "style", "align", "spaceBefore", "color");
    private static final Set<String> CODES = Set.of("qrSize", "text", "size");
    private static final Set<String> SIZES = Set.of("A4", "A5", "LETTER");

    private TemplateFile() {
    }

    /** The default template's JSON text for a language ({@code de} or {@code en}). */
    public static String defaultText(String language) {
        try (InputStream in = TemplateFile.class.getResourceAsStream("/org/coursekit/templates/certificate_"
                + ("de".equals(language) ? "de" : "en") + ".json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static CertificateTemplate defaultTemplate(String language) {
        return parse(Path.of("certificate_" + language + ".json"), defaultText(language).getBytes(
                java.nio.charset.StandardCharsets.UTF_8), false);
    }

    public static CertificateTemplate read(Path file) {
        byte[] bytes = InputFile.bytes(file, InputFile.MAX_JSON_BYTES);
        return parse(file, bytes, true);
    }

    static CertificateTemplate parse(Path file, byte[] bytes, boolean checkFiles) {
        JsonNode root = InputFile.json(file, bytes, "template.invalid");
        Checker c = new Checker(file, checkFiles);
        CertificateTemplate t = c.template(root);
        if (!c.problems.isEmpty()) {
            throw new InvalidData(Msg.of("template.invalid", file), c.problems);
        }
        return t;
    }

    private static final class Checker extends JsonChecker {
        final boolean checkFiles;

        Checker(Path file, boolean checkFiles) {
            super(file);
            this.checkFiles = checkFiles;
            this.multiline = true;
        }

        CertificateTemplate template(JsonNode root) {
            if (root == null || !root.isObject()) {
                problem("json.notObject");
                return null;
            }
            unknown(root, TOP, "");
            String size = "A4";
            boolean landscape = false;
            float[] margins = {56, 56, 56, 56};
            JsonNode page = object(root, "page", "page");
            if (page != null) {
                unknown(page, PAGE, "page.");
                String s = string(page, "size", "page.size", false);
                if (s != null && !SIZES.contains(s.toUpperCase(java.util.Locale.ROOT))) {
                    problem("template.pageSize", "page.size", s);
                } else if (s != null) {
                    size = s.toUpperCase(java.util.Locale.ROOT);
                }
                String o = string(page, "orientation", "page.orientation", false);
                if (o != null && !o.equals("portrait") && !o.equals("landscape")) {
                    problem("template.orientation", "page.orientation", o);
                }
                landscape = "landscape".equals(o);
                JsonNode m = array(page, "margins", "page.margins");
                if (m != null) {
                    if (m.size() != 4) {
                        problem("template.margins", "page.margins");
                    } else {
                        for (int i = 0; i < 4; i++) {
                            Float f = number(m.get(i), "page.margins[" + i + "]", 0, 300);
                            if (f != null) {
                                margins[i] = f;
                            }
                        }
                    }
                }
            }
            String bgPdf = null;
            String bgImage = null;
            JsonNode bg = object(root, "background", "background");
            if (bg != null) {
                unknown(bg, BACKGROUND, "background.");
                bgPdf = existing(resolve(string(bg, "pdf", "background.pdf", false)), "background.pdf");
                bgImage = existing(resolve(string(bg, "image", "background.image", false)), "background.image");
            }
            String regular = null;
            String bold = null;
            JsonNode font = object(root, "font", "font");
            if (font != null) {
                unknown(font, FONT, "font.");
                regular = existing(resolve(string(font, "regular", "font.regular", false)), "font.regular");
                bold = existing(resolve(string(font, "bold", "font.bold", false)), "font.bold");
            }
            List<CertificateTemplate.Block> blocks = blocks(root, "blocks");
            List<CertificateTemplate.Block> bottom = blocks(root, "bottom");
            CertificateTemplate.Codes codes = new CertificateTemplate.Codes(56, "{{serial}} {{code}}", 8);
            JsonNode cn = object(root, "codes", "codes");
            if (cn != null) {
                unknown(cn, CODES, "codes.");
                Float qr = cn.has("qrSize") ? number(cn.get("qrSize"), "codes.qrSize", 0, 300) : Float.valueOf(56);
                String text = string(cn, "text", "codes.text", false);
                placeholders(text, "codes.text");
                Float sz = cn.has("size") ? number(cn.get("size"), "codes.size", 4, 72) : Float.valueOf(8);
                codes = new CertificateTemplate.Codes(qr == null ? 56 : qr, text == null ? "" : text, sz == null ? 8 : sz);
            }
            if (!problems.isEmpty()) {
                return null;
            }
            return new CertificateTemplate(size, landscape, margins, bgPdf, bgImage, regular, bold, blocks, bottom, codes);
        }

        List<CertificateTemplate.Block> blocks(JsonNode root, String name) {
            List<CertificateTemplate.Block> out = new ArrayList<>();
            JsonNode arr = array(root, name, name);
            if (arr == null) {
                return out;
            }
            for (int i = 0; i < arr.size(); i++) {
                String where = name + "[" + i + "]";
                JsonNode b = arr.get(i);
                if (!b.isObject()) {
                    problem("json.type", where, Msg.of("json.type.object"), kind(b));
                    continue;
                }
                unknown(b, BLOCK, where + ".");
                String type = string(b, "type", where + ".type", false);
                if (type != null && !type.equals("text") && !type.equals("signatures")) {
                    problem("template.blockType", where + ".type", type);
                }
                String text = string(b, "text", where + ".text", false);
                placeholders(text, where + ".text");
                Float size = b.has("size") ? number(b.get("size"), where + ".size", 4, 144) : Float.valueOf(11);
                String style = string(b, "style", where + ".style", false);
                if (style != null && !Set.of("normal", "bold", "italic", "bolditalic").contains(style)) {
                    problem("template.style", where + ".style", style);
                }
                String align = string(b, "align", where + ".align", false);
                if (align != null && !Set.of("left", "center", "right", "justify").contains(align)) {
                    problem("template.align", where + ".align", align);
                }
                Float space = b.has("spaceBefore") ? number(b.get("spaceBefore"), where + ".spaceBefore", 0, 1000) : Float.valueOf(0);
                int[] rgb = {0, 0, 0};
                String color = string(b, "color", where + ".color", false);
                if (color != null) {
                    if (!color.matches("#[0-9a-fA-F]{6}")) {
                        problem("template.color", where + ".color", color);
                    } else {
                        int v = Integer.parseInt(color.substring(1), 16);
                        rgb = new int[] {v >> 16 & 0xFF, v >> 8 & 0xFF, v & 0xFF};
                    }
                }
                out.add(new CertificateTemplate.Block(type == null ? "text" : type, text == null ? "" : text,
                        size == null ? 11 : size, style != null && style.startsWith("bold"),
                        style != null && style.endsWith("italic"), align == null ? "center" : align,
                        space == null ? 0 : space, rgb));
            }
            return out;
        }

        void placeholders(String text, String where) {
            if (text == null) {
                return;
            }
            Matcher m = CertificateTemplate.PLACEHOLDER.matcher(text);
            while (m.find()) {
                if (!CertificateTemplate.PLACEHOLDERS.contains(m.group(1))) {
                    problem("template.placeholder", where, m.group(1),
                            String.join(", ", CertificateTemplate.PLACEHOLDERS.stream().sorted().toList()));
                }
            }
        }

        Float number(JsonNode v, String where, float min, float max) {
            if (v == null || !v.isNumber()) {
                problem("json.type", where, Msg.of("json.type.number"), v == null ? Msg.of("json.type.null") : kind(v));
                return null;
            }
            float f = v.floatValue();
            if (f < min || f > max) {
                problem("template.range", where, v.asText(), min, max);
                return null;
            }
            return f;
        }

        String existing(String path, String where) {
            if (path != null && checkFiles && !Files.isRegularFile(Path.of(path))) {
                problem("template.fileMissing", where, path);
            }
            return path;
        }
    }
}
