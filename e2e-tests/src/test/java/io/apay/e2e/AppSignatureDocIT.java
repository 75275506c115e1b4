package io.apay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the worked example of docs/app-signature.md as written (bash, openssl, curl, redis-cli), against a fresh
 * mesh instead of the local one: only the gateway URL, the app client and the Redis key prefix are swapped in.
 */
class AppSignatureDocIT {

    @Test
    void theWorkedExampleRunsAsWritten() throws Exception {
        SharedMesh.Identity identity = SharedMesh.identity();
        String doc = Files.readString(repoRoot().resolve("docs/app-signature.md"));
        String script = String.join("\n", bashBlocks(doc));
        assertThat(script).contains("GW=http://127.0.0.1:8080").contains(". ~/.apay/local-app.env").contains("apay:sms-dev-mailbox");
        script = script.replace("GW=http://127.0.0.1:8080", "GW=" + identity.mesh().gateway())
                .replace(". ~/.apay/local-app.env", "APP_KEY=" + identity.appKey() + "; APP_SECRET=" + identity.appSecret())
                .replace("apay:sms-dev-mailbox", identity.mesh().redisPrefix() + "sms-dev-mailbox");

        List<String> lines = bash(Path.of("."), script);
        assertThat(lines).hasSize(9);
        // the canonical string: method, path, the encoded parameters sorted and joined with '&' (the phone's '+' is %2B)
        assertThat(lines.subList(0, 2)).containsExactly("POST", "/app-api/sms/codes");
        assertThat(lines.get(2)).matches("appKey=e2e-android&contentSha256=[0-9a-f]{64}&locale=en&nonce=[0-9a-f]{32}&"
                + "phone=%2B86138\\d{8}&purpose=REGISTER&timestamp=\\d{13}");
        assertThat(lines.get(3)).isEqualTo("{\"code\":0,\"message\":\"ok\",\"data\":{\"expiresInSeconds\":300,\"resendAfterSeconds\":1}}");
        assertThat(lines.get(4)).startsWith("{\"code\":0,\"message\":\"ok\",\"data\":{\"userId\":").contains("\"token\":\"");
        assertThat(lines.get(5)).startsWith("{\"code\":0,\"message\":\"ok\",\"data\":{\"userId\":").contains("\"totpEnabled\":false");
        assertThat(lines.get(6)).startsWith("{\"code\":11006,\"message\":\"nonce already used\"");
        // a GET's query and signature re-aimed at POST logout-all: refused, spending nothing; the session lives on
        assertThat(lines.get(7)).startsWith("{\"code\":11009,\"message\":\"signature does not match\"");
        assertThat(lines.get(8)).startsWith("{\"code\":0,\"message\":\"ok\",\"data\":{\"userId\":").contains("\"totpEnabled\":false");
    }

    /** The {@code bash} code blocks of a Markdown page, in order. */
    static List<String> bashBlocks(String markdown) {
        Matcher m = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    /** Runs a script with bash -euo pipefail in a directory; its non-blank output lines (it must exit 0 within 60 s). */
    static List<String> bash(Path dir, String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("docs/app-signature.md"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
