package io.accelmon.provisioning.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;

/** GreenMail's SMTP server on a loopback port, read back as (subject, decoded text) pairs. */
public final class Mailbox implements AutoCloseable {

    /** One received email. */
    public record Mail(String subject, String body) {
        public String all() {
            return subject + "\n" + body;
        }
    }

    private final GreenMail greenMail;

    public Mailbox(int port) {
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    public List<Mail> mails() {
        List<Mail> out = new ArrayList<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            try {
                out.add(new Mail(m.getSubject(), text(m)));
            } catch (Exception e) {
                out.add(new Mail("(unreadable: " + e + ")", ""));
            }
        }
        return out;
    }

    private static String text(Part p) throws Exception {
        Object content = p.getContent();
        if (content instanceof Multipart mp) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart part = mp.getBodyPart(i);
                b.append(text(part)).append('\n');
            }
            return b.toString();
        }
        return String.valueOf(content);
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
