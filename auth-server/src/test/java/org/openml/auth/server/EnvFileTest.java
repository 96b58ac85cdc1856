package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --env-file}: the .env.local form, the environment winning, and doctor naming where each setting came from. */
class EnvFileTest {
    @TempDir
    Path dir;

    @Test
    void theDotEnvFormIsRead() throws Exception {
        Path file = dir.resolve(".env.local");
        Files.writeString(file, """
                # OpenML's local settings
                NEXTAUTH_URL=http://localhost:3050
                export PORT=3060
                NEXTAUTH_SECRET="a \\"quoted\\" secret-0123456789abcdef0123"
                SMTP_FROM='OpenML <no-reply@openml.org>'
                RP_ID=localhost # the relying party

                EMPTY=
                """);

        Map<String, String> values = EnvFile.read(file);

        assertThat(values).containsEntry("NEXTAUTH_URL", "http://localhost:3050").containsEntry("PORT", "3060")
                .containsEntry("NEXTAUTH_SECRET", "a \"quoted\" secret-0123456789abcdef0123")
                .containsEntry("SMTP_FROM", "OpenML <no-reply@openml.org>").containsEntry("RP_ID", "localhost")
                .containsEntry("EMPTY", "");
    }

    @Test
    void aMalformedLineIsNamedWithItsNumber() throws Exception {
        Path file = dir.resolve("bad.env");
        Files.writeString(file, "PORT=3050\nthis is not a setting\n");

        assertThatThrownBy(() -> EnvFile.read(file)).hasMessageContaining("line 2").hasMessageContaining("NAME=value");
        assertThatThrownBy(() -> EnvFile.read(dir.resolve("missing.env"))).hasMessageContaining("cannot read --env-file");
    }

    @Test
    void theEnvironmentWinsAndDoctorSaysWhereEachSettingCameFromWithoutValues() throws Exception {
        Path file = dir.resolve(".env.local");
        String secret = "file-secret-0123456789abcdef0123456789";
        Files.writeString(file, "NEXTAUTH_SECRET=" + secret + "\nPORT=3061\nSQLITE_PATH=" + dir.resolve("auth.db") + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = Main.run(new String[] {"doctor", "--env-file", file.toString()}, Map.of("PORT", "3062", "HOME", "/root"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String said = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(said).contains("port=3062").contains("settings from " + file + ": NEXTAUTH_SECRET, SQLITE_PATH")
                .contains("settings from the environment (over " + file + "): PORT")
                .doesNotContain(secret).doesNotContain("HOME");
    }

    @Test
    void aMissingPathIsRefused() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"doctor", "--env-file"}, Map.of(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--env-file needs a path");
    }
}
