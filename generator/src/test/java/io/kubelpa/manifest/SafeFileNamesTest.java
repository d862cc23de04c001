package io.kubelpa.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.rbac.ObjectRef;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeFileNamesTest {
    @Test
    void unsafeCharactersAreEscapedInjectively() {
        assertThat(SafeFileNames.of(ObjectRef.clusterRole("system:controller:job-controller")))
                .isEqualTo("clusterrole.system_3acontroller_3ajob-controller.yaml");
        assertThat(SafeFileNames.of(ObjectRef.role("team", "a_b")))
                .isNotEqualTo(SafeFileNames.of(ObjectRef.role("team", "a_5fb")));
        assertThat(SafeFileNames.of(ObjectRef.role("a.b", "c")))
                .isNotEqualTo(SafeFileNames.of(ObjectRef.role("a", "b.c")));
    }

    @Test
    void hostileNamesStayInsideTheDirectory(@TempDir Path dir) {
        for (String name :
                new String[] {"..", "../../etc/passwd", "/abs", "a\u0000b", "\u2028x", "%2e%2e", "x".repeat(400)}) {
            Path file = SafeFileNames.resolve(dir, ObjectRef.roleBinding("..", name));
            assertThat(file.getParent()).isEqualTo(dir.toAbsolutePath().normalize());
            assertThat(file.getFileName().toString())
                    .matches("[a-z0-9._~-]+\\.yaml")
                    .hasSizeLessThan(220);
        }
    }

    @Test
    void generatedNamesKeepTheirReadableFormNeverCollideAndStayShort() {
        assertThat(SafeFileNames.ofGeneratedName("lpa:user:dana")).isEqualTo("lpa_user_dana.yaml");
        assertThat(SafeFileNames.ofGeneratedName("lpa:user:a:b"))
                .isNotEqualTo(SafeFileNames.ofGeneratedName("lpa:user:a_b"));
        String longA = SafeFileNames.ofGeneratedName("lpa:sa:ns:" + "a".repeat(253));
        String longB = SafeFileNames.ofGeneratedName("lpa:sa:ns:" + "a".repeat(252) + "b");
        assertThat(longA.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThan(255);
        assertThat(longA).isNotEqualTo(longB);
        assertThat(SafeFileNames.ofGeneratedName("lpa:user:ünï~scödé")).matches("[A-Za-z0-9._~%-]+\\.yaml");
    }
}
