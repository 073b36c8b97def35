package io.accelmon.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every shape of secret a command line carries, one case each, plus what must stay readable. */
class RedactorTest {

    private static List<String> r(String... argv) {
        return Redactor.redact(List.of(argv));
    }

    @Test
    void optionsWhoseNameLooksSecretHideTheirValueInEveryForm() {
        assertThat(r("--password", "hunter2", "--token=abc", "--api-key", "k1", "--secret", "s"))
                .containsExactly("--password", "***", "--token=***", "--api-key", "***", "--secret", "***");
        assertThat(r("--pass", "X", "--db-pwd=X", "--auth", "X", "--credentials-json", "X", "--hfToken", "X"))
                .containsExactly("--pass", "***", "--db-pwd=***", "--auth", "***", "--credentials-json", "***",
                        "--hfToken", "***");
        assertThat(r("mysql", "-p", "X", "-pX")).containsExactly("mysql", "-p", "***", "-p***");
        // an empty --password= followed by the value as its own word
        assertThat(r("--password=", "X", "--lr", "0.1")).containsExactly("--password=", "***", "--lr", "0.1");
        assertThat(r("curl", "-u", "bob:X", "--user=bob:X")).containsExactly("curl", "-u", "bob:***", "--user=bob:***");
    }

    @Test
    void headerValuesAreHidden() {
        assertThat(r("-H", "Authorization: Bearer X", "--header=X-Api-Key: X", "-HCookie: sid=X",
                "--header", "Proxy-Authorization: Basic X", "X-Auth-Token: X"))
                .containsExactly("-H", "Authorization: Bearer ***", "--header=X-Api-Key: ***", "-HCookie: ***",
                        "--header", "Proxy-Authorization: Basic ***", "X-Auth-Token: ***");
    }

    @Test
    void urlUserinfoAndSecretQueryParametersAreHidden() {
        assertThat(r("--db", "postgres://bob:X@db/x", "https://ghp_X@github.com/o/r.git",
                "https://api/x?token=X&api_key=X&model=llama", "http://h/p?page=2;sig=X"))
                .containsExactly("--db", "postgres://bob:***@db/x", "https://***@github.com/o/r.git",
                        "https://api/x?token=***&api_key=***&model=llama", "http://h/p?page=2;sig=***");
        assertThat(r("https://s3/b/o?X-Amz-Signature=X&X-Amz-Date=1"))
                .containsExactly("https://s3/b/o?X-Amz-Signature=***&X-Amz-Date=1");
    }

    @Test
    void keyValueAndJsonOrYamlPairsWithSecretKeysAreHidden() {
        assertThat(r("password=X", "HF_TOKEN=hf_X", "AWS_SECRET_ACCESS_KEY=X", "MY_KEY=z",
                "host=db user=u password=X port=5432"))
                .containsExactly("password=***", "HF_TOKEN=***", "AWS_SECRET_ACCESS_KEY=***", "MY_KEY=***",
                        "host=db user=u password=*** port=5432");
        assertThat(r("--config", "{\"model\": \"m\", \"password\": \"X\", \"api_key\":\"X\", \"n\": 1}"))
                .containsExactly("--config", "{\"model\": \"m\", \"password\": \"***\", \"api_key\":\"***\", \"n\": 1}");
        assertThat(r("api_key: X", "{token: X, model: m}", "{'secret': 'X'}", "{\"auth\": Bearer X}"))
                .containsExactly("api_key: ***", "{token: ***, model: m}", "{'secret': '***'}", "{\"auth\": Bearer ***}");
    }

    @Test
    void ordinaryArgumentsStayReadable() {
        List<String> plain = List.of("python", "-m", "vllm.entrypoints.openai.api_server", "--model", "/m/llama",
                "--max-tokens", "512", "--tokenizer", "/m/tok", "--keyword", "cat", "--lr", "0.1", "-n", "4",
                "--port", "8000", "https://hf.co/m?revision=main", "epochs=3", "model: llama", "-v");
        assertThat(Redactor.redact(plain)).isEqualTo(plain);
    }
}
