package io.github.driftclaims.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Hub settings from the environment")
class HubSettingsTest {

    @TempDir
    Path home;

    private HubSettings from(Map<String, String> env) {
        return HubSettings.fromEnvironment(env, home);
    }

    @Test
    @DisplayName("default to huggingface.co, online, no token and ~/.cache/huggingface/hub")
    void defaults() {
        HubSettings settings = from(Map.of());

        assertThat(settings.endpoint()).isEqualTo(URI.create("https://huggingface.co"));
        assertThat(settings.offline()).isFalse();
        assertThat(settings.hasToken()).isFalse();
        assertThat(settings.cacheDir()).isEqualTo(home.resolve(".cache/huggingface/hub"));
        assertThat(settings.progressBars()).isTrue();
    }

    @Test
    @DisplayName("take the cache from HF_HUB_CACHE before HF_HOME")
    void hubCacheWins() {
        assertThat(from(Map.of("HF_HUB_CACHE", "/data/hub", "HF_HOME", "/data/hf")).cacheDir())
                .isEqualTo(Path.of("/data/hub"));
    }

    @Test
    @DisplayName("take the cache from HF_HOME/hub when HF_HUB_CACHE is unset")
    void hfHome() {
        assertThat(from(Map.of("HF_HOME", "/data/hf")).cacheDir()).isEqualTo(Path.of("/data/hf/hub"));
    }

    @Test
    @DisplayName("expand a leading ~ in cache paths to the given home")
    void tildeExpansion() {
        assertThat(from(Map.of("HF_HOME", "~/hf")).cacheDir()).isEqualTo(home.resolve("hf/hub"));
    }

    @Test
    @DisplayName("use XDG_CACHE_HOME/huggingface/hub when neither HF_HUB_CACHE nor HF_HOME is set")
    void xdgCacheHome() {
        assertThat(from(Map.of("XDG_CACHE_HOME", "/xdg")).cacheDir()).isEqualTo(Path.of("/xdg/huggingface/hub"));
    }

    @ParameterizedTest(name = "HF_HUB_OFFLINE={0} means offline")
    @ValueSource(strings = {"1", "true", "TRUE", "yes", "on"})
    @DisplayName("treat the truthy values of huggingface_hub as offline")
    void offlineValues(String value) {
        assertThat(from(Map.of("HF_HUB_OFFLINE", value)).offline()).isTrue();
    }

    @ParameterizedTest(name = "HF_HUB_OFFLINE={0} means online")
    @ValueSource(strings = {"0", "false", "", "no"})
    @DisplayName("treat other values as online")
    void onlineValues(String value) {
        assertThat(from(Map.of("HF_HUB_OFFLINE", value)).offline()).isFalse();
    }

    @Test
    @DisplayName("strip trailing slashes from HF_ENDPOINT")
    void endpointSlash() {
        assertThat(from(Map.of("HF_ENDPOINT", "http://127.0.0.1:8080/")).endpoint())
                .isEqualTo(URI.create("http://127.0.0.1:8080"));
    }

    @Test
    @DisplayName("reject an HF_ENDPOINT that is not an absolute URL")
    void badEndpoint() {
        assertThatThrownBy(() -> from(Map.of("HF_ENDPOINT", "huggingface.co")))
                .isInstanceOf(HubException.class).hasMessageContaining("HF_ENDPOINT");
    }

    @Test
    @DisplayName("prefer HF_TOKEN over the token file, and never print either")
    void tokenPrecedenceAndRedaction() throws Exception {
        Files.createDirectories(home.resolve(".cache/huggingface"));
        Files.writeString(home.resolve(".cache/huggingface/token"), "hf_fromFile");

        HubSettings fromFile = from(Map.of());
        HubSettings fromEnv = from(Map.of("HF_TOKEN", "hf_fromEnv"));

        assertThat(fromFile.token()).isEqualTo("hf_fromFile");
        assertThat(fromEnv.token()).isEqualTo("hf_fromEnv");
        assertThat(fromFile.toString()).doesNotContain("hf_fromFile").contains("hidden");
        assertThat(fromEnv.toString()).doesNotContain("hf_fromEnv");
    }
}
