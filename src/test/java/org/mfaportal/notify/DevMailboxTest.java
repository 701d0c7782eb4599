package org.mfaportal.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DevMailboxTest {

    private static DevMailbox.DevMail mail(int number) {
        return new DevMailbox.DevMail(Instant.EPOCH.plusSeconds(number), "dev@example.test", "mail " + number, "body");
    }

    @Test
    void newestMailComesFirst() {
        DevMailbox mailbox = new DevMailbox();
        mailbox.deliver(mail(1));
        mailbox.deliver(mail(2));

        assertEquals("mail 2", mailbox.mails().get(0).subject());
        assertEquals("mail 1", mailbox.mails().get(1).subject());
    }

    @Test
    void onlyTheLastFiftyAreKept() {
        DevMailbox mailbox = new DevMailbox();
        IntStream.rangeClosed(1, DevMailbox.CAPACITY + 7).forEach(number -> mailbox.deliver(mail(number)));

        assertEquals(DevMailbox.CAPACITY, mailbox.mails().size());
        assertEquals("mail " + (DevMailbox.CAPACITY + 7), mailbox.mails().get(0).subject());
        assertEquals("mail 8", mailbox.mails().get(DevMailbox.CAPACITY - 1).subject());
    }
}
