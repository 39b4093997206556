package io.rawpipeline.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RegistryConfigTest {

    @Test
    void requiresARegistryUrl() {
        assertThatThrownBy(() -> new RegistryConfig(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG);
    }

    @Test
    void acceptsACommaSeparatedListOfUrls() {
        RegistryConfig config = new RegistryConfig(Map.of(RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG,
                "http://a:8081/, https://b/apis/ccompat/v7"));

        assertThat(config.urls()).containsExactly(URI.create("http://a:8081"), URI.create("https://b/apis/ccompat/v7"));
    }

    @Test
    void rejectsAUrlWithoutHttpScheme() {
        assertThatThrownBy(() -> new RegistryConfig(Map.of(RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mock://x");
    }

    @Test
    void rejectsCredentialsInTheUrlWithoutEchoingThem() {
        assertThatThrownBy(() -> new RegistryConfig(Map.of(RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG,
                "http://svc:topsecret@registry:8081")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(RegistryConfig.BASIC_AUTH_USER_INFO_CONFIG)
                .hasMessageNotContaining("topsecret");
    }

    @Test
    void rejectsUserInfoWithoutPasswordSeparator() {
        assertThatThrownBy(() -> new RegistryConfig(Map.of(RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG, "http://a",
                RegistryConfig.BASIC_AUTH_USER_INFO_CONFIG, "justauser")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("user:password")
                .hasMessageNotContaining("justauser");
    }

    @Test
    void toStringHidesThePassword() {
        RegistryConfig config = new RegistryConfig(Map.of(RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG, "http://a",
                RegistryConfig.BASIC_AUTH_USER_INFO_CONFIG, "svc:topsecret"));

        assertThat(config.toString()).contains("http://a").doesNotContain("topsecret").contains("[hidden]");
        assertThat(config.userInfo().value()).isEqualTo("svc:topsecret");
    }

    @Test
    void defaultsMatchConfluent() {
        RegistryConfig config = new RegistryConfig(Map.of(RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG, "http://a"));

        assertThat(config.getBoolean(RegistryConfig.AUTO_REGISTER_SCHEMAS_CONFIG)).isTrue();
        assertThat(config.userInfo()).isNull();
    }
}
