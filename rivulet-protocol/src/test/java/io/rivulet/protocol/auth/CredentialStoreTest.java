package io.rivulet.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {
  @TempDir Path dir;

  private Path write(String json) throws IOException {
    return Files.writeString(dir.resolve(CredentialStore.FILE_NAME), json);
  }

  @Test
  void readsTheFileAndTheEnvironment() throws IOException {
    Path file = write("""
        {"policies": {"reader": {"Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "kinesis:Get*", "Resource": "*"}]}},
         "credentials": [
           {"accessKeyId": "AKIAROOT", "secretAccessKey": "s1", "account": "111122223333"},
           {"accessKeyId": "123456789012", "secretAccessKey": "s2"},
           {"accessKeyId": "AKIAREADER", "secretAccessKey": "s3", "user": "apps/reader",
            "policies": ["reader", {"Version": "2012-10-17",
                "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}]},
           {"accessKeyId": "ASIATEMP", "secretAccessKey": "s4", "sessionToken": "tok",
            "expiration": "2026-12-01T00:00:00Z"}]}
        """);
    CredentialStore store = CredentialStore.load(file, Map.of("AWS_ACCESS_KEY_ID", "AKIAENV",
        "AWS_SECRET_ACCESS_KEY", "env-secret", "RIVULET_CREDENTIALS", "K1:secret/one+x, K2:two"));
    assertThat(store.size()).isEqualTo(7);
    assertThat(store.description()).isEqualTo("7 credential(s): 4 from " + file + ", 3 from the environment");
    assertThat(store.find("AKIAROOT").principal().arn()).isEqualTo("arn:aws:iam::111122223333:root");
    assertThat(store.find("123456789012").principal().accountId()).isEqualTo("123456789012");
    Principal reader = store.find("AKIAREADER").principal();
    assertThat(reader.arn()).isEqualTo("arn:aws:iam::000000000000:user/apps/reader");
    assertThat(reader.simpleName()).isEqualTo("reader");
    assertThat(reader.policies()).hasSize(2);
    assertThat(store.find("ASIATEMP").sessionToken()).isEqualTo("tok");
    assertThat(store.find("ASIATEMP").expiration()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(store.find("AKIAENV").secretAccessKey()).isEqualTo("env-secret");
    assertThat(store.find("K1").secretAccessKey()).isEqualTo("secret/one+x");
    assertThat(store.find("K2").principal().isRoot()).isTrue();
    assertThat(store.find("nope")).isNull();
    assertThat(store.find("K1").toString()).doesNotContain("secret");
  }

  @Test
  void anAbsentFileAndNoEnvironmentIsEmpty() {
    CredentialStore store = CredentialStore.load(dir.resolve("absent.json"), Map.of());
    assertThat(store.isEmpty()).isTrue();
    assertThat(store.description()).isEqualTo("0 credential(s): none");
  }

  @Test
  void refusesWhatItCannotUse() throws IOException {
    Path file = write("{\"credentials\": [{\"accessKeyId\": \"A\", \"secretAccessKey\": \"s\","
        + " \"user\": \"u\", \"policies\": [\"missing\"]}]}");
    assertThatThrownBy(() -> CredentialStore.load(file, Map.of()))
        .hasMessage(file + ": credentials[0]: no policy named missing in \"policies\"");
    write("{\"credentials\": [{\"accessKeyId\": \"A\", \"secretAccessKey\": \"s\", \"policies\": []},"
        + " {\"accessKeyId\": \"A\", \"secretAccessKey\": \"t\"}]}");
    assertThatThrownBy(() -> CredentialStore.load(file, Map.of()))
        .hasMessage(file + ": credentials[1]: access key A is configured twice");
    write("{\"credentials\": [{\"accessKeyId\": \"A\", \"secretAccessKey\": \"s\","
        + " \"policies\": [{\"Version\": \"2012-10-17\", \"Statement\": []}]}]}");
    assertThatThrownBy(() -> CredentialStore.load(file, Map.of())).hasMessageContaining("policies apply to users");
    write("{\"credentials\": [{\"accessKeyId\": \"A\"}]}");
    assertThatThrownBy(() -> CredentialStore.load(file, Map.of()))
        .hasMessage(file + ": credentials[0]: a credential needs an access key id and a secret access key");
    write("{\"credentials\": [{\"accessKeyId\": \"A\", \"secretAccessKey\": \"s\", \"account\": \"12\"}]}");
    assertThatThrownBy(() -> CredentialStore.load(file, Map.of())).hasMessageEndingWith("account must be 12 digits, not 12");
    write("not json");
    assertThatThrownBy(() -> CredentialStore.load(file, Map.of())).hasMessageStartingWith(file + " is not valid JSON");
    assertThatThrownBy(() -> CredentialStore.load(null, Map.of("RIVULET_CREDENTIALS", "justakey")))
        .hasMessageStartingWith("RIVULET_CREDENTIALS: expected keyId:secret");
  }
}
