package org.coursekit.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

/**
 * RFC 5322 messages built with Jakarta Mail (Angus) and written to a file, ready for
 * {@code sendmail -t}: From, To, Subject, Date, Message-ID, a UTF-8 plain-text body and
 * iCalendar attachments. No mail server is involved.
 */
public final class MailFile {
    /** An attached file: its name and its iCalendar text. */
    public record Attachment(String fileName, String calendar) {
    }

    /** Everything a message needs. */
    public record Mail(String fromName, String fromEmail, String toName, String toEmail, String subject, String body,
                       List<Attachment> attachments, Instant date, String messageId) {
    }

    private MailFile() {
    }

    public static void write(OutputStream out, Mail mail) {
        try {
            MimeMessage m = new FixedIdMessage(Session.getInstance(new Properties()), mail.messageId());
            m.setFrom(new InternetAddress(mail.fromEmail(), mail.fromName(), "UTF-8"));
            m.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(mail.toEmail(), mail.toName(), "UTF-8"));
            m.setSubject(mail.subject(), "UTF-8");
            m.setSentDate(Date.from(mail.date()));
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.body(), "UTF-8", "plain");
            mixed.addBodyPart(text);
            for (Attachment a : mail.attachments()) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new DataHandler(new ByteArrayDataSource(
                        a.calendar().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "text/calendar; charset=UTF-8; method=PUBLISH")));
                part.setFileName(a.fileName());
                part.setDisposition(MimeBodyPart.ATTACHMENT);
                mixed.addBodyPart(part);
            }
            m.setContent(mixed);
            m.saveChanges();
            m.writeTo(out);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        } catch (MessagingException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps our Message-ID instead of one made from this machine's host name. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
