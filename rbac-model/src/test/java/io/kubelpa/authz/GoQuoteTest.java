package io.kubelpa.authz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoQuoteTest {
    @Test
    void quotesLikeGoStrconvQuote() {
        assertThat(GoQuote.quote("plain")).isEqualTo("\"plain\"");
        assertThat(GoQuote.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(GoQuote.quote("tab\tnew\nline")).isEqualTo("\"tab\\tnew\\nline\"");
        assertThat(GoQuote.quote("\u0001\u007f")).isEqualTo("\"\\x01\\x7f\"");
        assertThat(GoQuote.quote("ünïcode")).isEqualTo("\"ünïcode\"");
        assertThat(GoQuote.quote("zero\u200bwidth")).isEqualTo("\"zero\\u200bwidth\"");
        assertThat(GoQuote.quote("nbsp\u00a0")).isEqualTo("\"nbsp\\u00a0\"");
    }
}
