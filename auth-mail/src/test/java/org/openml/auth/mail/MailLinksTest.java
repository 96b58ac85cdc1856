package org.openml.auth.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class MailLinksTest {

    @Test
    void findsTheFirstLinkInText() {
        assertThat(MailLinks.extract("Open\n\nhttps://a.example/confirm?token=t1\n\nthen http://b.example/"))
                .isEqualTo(URI.create("https://a.example/confirm?token=t1"));
    }

    @Test
    void decodesHtmlEntitiesInAttributes() {
        assertThat(MailLinks.extract("<a href=\"https://a.example/r?token=t&amp;next=%2F\">go</a>"))
                .isEqualTo(URI.create("https://a.example/r?token=t&next=%2F"));
    }

    @Test
    void dropsSentencePunctuationAfterTheLink() {
        assertThat(MailLinks.extract("Go to https://a.example/x?token=t.")).isEqualTo(URI.create("https://a.example/x?token=t"));
        assertThat(MailLinks.extract("(see https://a.example/x)")).isEqualTo(URI.create("https://a.example/x"));
    }

    @Test
    void noLinkIsAnErrorOrEmpty() {
        assertThat(MailLinks.find("no link here")).isEmpty();
        assertThat(MailLinks.find(null)).isEmpty();
        assertThatThrownBy(() -> MailLinks.extract("ftp://not.http/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no http(s) link");
    }
}
