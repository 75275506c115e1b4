package io.apay.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Lints the chart strictly and checks what it renders, since no Kubernetes or Nacos runs here. */
class HelmChartTest {

    static final Path CHART = Path.of("apay");
    static final Set<String> SERVICES = Set.of("gateway", "user-svc", "sms-svc", "ledger-svc", "wallet-svc", "otc-svc",
            "chain-bridge-svc", "wealth-svc", "push-svc", "merchant-api-svc", "job-svc");

    static List<Map<String, Object>> manifests;

    @BeforeAll
    static void render() {
        manifests = parse(new Helm(CHART).template().withName("apay").withNamespace("pay").call());
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> parse(String yaml) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(yaml)) {
            if (doc != null) {
                docs.add((Map<String, Object>) doc);
            }
        }
        return docs;
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.get("kind"))).collect(Collectors.toList());
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object node, String... path) {
        Object cur = node;
        for (String p : path) {
            cur = cur instanceof List<?> l ? l.get(Integer.parseInt(p)) : ((Map<String, Object>) cur).get(p);
        }
        return (T) cur;
    }

    @Test
    void lintsCleanInStrictMode() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @Test
    void everyServiceHasADeploymentWithProbesResourcesAndTheK8sProfile() {
        List<Map<String, Object>> deployments = ofKind(manifests, "Deployment");
        assertThat(deployments.stream().map(d -> (String) at(d, "metadata", "name"))).containsExactlyInAnyOrderElementsOf(SERVICES);
        for (Map<String, Object> d : deployments) {
            Map<String, Object> c = at(d, "spec", "template", "spec", "containers", "0");
            String name = at(d, "metadata", "name");
            assertThat((String) at(c, "livenessProbe", "httpGet", "path")).as(name).isEqualTo("/actuator/health/liveness");
            assertThat((String) at(c, "readinessProbe", "httpGet", "path")).as(name).isEqualTo("/actuator/health/readiness");
            assertThat((Object) at(c, "resources", "limits", "memory")).as(name).isNotNull();
            assertThat((Object) at(c, "resources", "requests", "cpu")).as(name).isNotNull();
            List<Map<String, Object>> env = at(c, "env");
            Map<String, Map<String, Object>> byName = env.stream().collect(Collectors.toMap(e -> (String) e.get("name"), e -> e));
            assertThat(byName.get("SPRING_PROFILES_ACTIVE").get("value")).as(name).isEqualTo("k8s");
            assertThat(byName.get("NACOS_SERVER_ADDR").get("value")).as(name).isEqualTo("nacos:8848");
            // credentials only ever come from the Secret
            for (Map.Entry<String, Map<String, Object>> e : byName.entrySet()) {
                if (e.getKey().endsWith("PASSWORD")) {
                    Map<String, Object> entry = e.getValue();
                    assertThat(entry).as(name + " " + e.getKey()).doesNotContainKey("value");
                    assertThat((String) at(entry, "valueFrom", "secretKeyRef", "name")).isEqualTo("apay-credentials");
                }
            }
            if (!name.equals("gateway")) {
                assertThat(byName).as(name).containsKeys("APAY_DB_HOST", "SPRING_DATASOURCE_PASSWORD", "SPRING_RABBITMQ_HOST");
            }
        }
    }

    @Test
    void theIngressCarriesTheAppMerchantWebSocketAndCashierRoutesToTheGatewayOnly() {
        List<Map<String, Object>> ingresses = ofKind(manifests, "Ingress");
        assertThat(ingresses).hasSize(1);
        List<Map<String, Object>> paths = at(ingresses.get(0), "spec", "rules", "0", "http", "paths");
        assertThat(paths.stream().map(p -> (String) p.get("path")))
                .containsExactly("/app-api", "/merchant-api", "/ws/monitor", "/cashier");
        assertThat(paths).allSatisfy(p -> assertThat((String) at(p, "backend", "service", "name")).isEqualTo("gateway"));
        assertThat((String) at(ingresses.get(0), "metadata", "annotations", "nginx.ingress.kubernetes.io/proxy-read-timeout"))
                .isEqualTo("3600");
    }

    @Test
    void everyServiceHasAServiceAndOnlyTheGatewayIsOpenToOutside() {
        assertThat(ofKind(manifests, "Service").stream().map(s -> (String) at(s, "metadata", "name")))
                .containsExactlyInAnyOrderElementsOf(SERVICES);
        List<Map<String, Object>> policies = ofKind(manifests, "NetworkPolicy");
        assertThat(policies).hasSize(SERVICES.size());
        for (Map<String, Object> p : policies) {
            List<Map<String, Object>> rules = at(p, "spec", "ingress");
            boolean restricted = rules.get(0).containsKey("from");
            assertThat(restricted).as((String) at(p, "metadata", "name")).isEqualTo(!"gateway".equals(at(p, "metadata", "name")));
        }
    }

    @Test
    void credentialsLiveInASecretUnlessAnExistingOneIsNamed() {
        assertThat(ofKind(manifests, "Secret")).hasSize(1);
        List<Map<String, Object>> withExisting = parse(new Helm(CHART).template().withName("apay")
                .set("external.existingSecret", "pay-db-creds").call());
        assertThat(ofKind(withExisting, "Secret")).isEmpty();
        Map<String, Object> container = at(ofKind(withExisting, "Deployment").get(0), "spec", "template", "spec", "containers", "0");
        List<Map<String, Object>> env = at(container, "env");
        assertThat(env.stream().filter(e -> "NACOS_PASSWORD".equals(e.get("name"))).findFirst().orElseThrow())
                .extracting(e -> at(e, "valueFrom", "secretKeyRef", "name")).isEqualTo("pay-db-creds");
    }

    @Test
    void everyServiceGetsTheDataKeyAndOnlyMerchantApiMountsThePlatformKey() {
        for (Map<String, Object> d : ofKind(manifests, "Deployment")) {
            String name = at(d, "metadata", "name");
            Map<String, Object> container = at(d, "spec", "template", "spec", "containers", "0");
            List<Map<String, Object>> env = at(container, "env");
            Map<String, Object> key = env.stream().filter(e -> "APAY_CRYPTO_SECRET_KEY".equals(e.get("name"))).findFirst().orElseThrow();
            assertThat((String) at(key, "valueFrom", "secretKeyRef", "key")).as(name).isEqualTo("crypto-secret-key");
            List<Map<String, Object>> mounts = at(container, "volumeMounts");
            if ("merchant-api-svc".equals(name)) {
                assertThat((String) at(mounts, "0", "mountPath")).isEqualTo("/etc/apay");
                assertThat((String) at(d, "spec", "template", "spec", "volumes", "0", "secret", "items", "0", "key")).isEqualTo("platform-key.pem");
            } else {
                assertThat(mounts).as(name).isNull();
            }
        }
    }

    static Map<String, Object> gatewayEnv(List<Map<String, Object>> docs, String name) {
        Map<String, Object> gateway = ofKind(docs, "Deployment").stream()
                .filter(d -> "gateway".equals(at(d, "metadata", "name"))).findFirst().orElseThrow();
        List<Map<String, Object>> env = at(gateway, "spec", "template", "spec", "containers", "0", "env");
        return env.stream().filter(e -> name.equals(e.get("name"))).findFirst().orElse(null);
    }

    @Test
    void theGatewayTrustsNoProxyByDefaultAndTakesTheProxiesAndAdminAllowlistFromValues() {
        // by default no X-Forwarded-For is believed: any pod or private host that reaches the gateway could
        // otherwise choose its client address (admin allow-list, merchant whitelists, per-address budgets)
        assertThat((String) gatewayEnv(manifests, "APAY_TRUSTED_PROXIES").get("value")).isEmpty();
        assertThat((String) gatewayEnv(manifests, "APAY_ADMIN_ALLOWLIST").get("value")).isEmpty();
        List<Map<String, Object>> custom = parse(new Helm(CHART).template().withName("apay")
                .set("gateway.trustedProxies[0]", "100.64.0.0/10").set("gateway.adminAllowlist[0]", "203.0.113.0/24")
                .set("gateway.adminAllowlist[1]", "2001:db8::/32")
                .set("networkPolicy.ingressController.podLabels.app\\.kubernetes\\.io/name", "ingress-nginx").call());
        assertThat((String) gatewayEnv(custom, "APAY_TRUSTED_PROXIES").get("value")).isEqualTo("100.64.0.0/10");
        assertThat((String) gatewayEnv(custom, "APAY_ADMIN_ALLOWLIST").get("value")).isEqualTo("203.0.113.0/24,2001:db8::/32");
        // only the gateway reads them
        for (Map<String, Object> d : ofKind(manifests, "Deployment")) {
            if (!"gateway".equals(at(d, "metadata", "name"))) {
                List<Map<String, Object>> env = at(d, "spec", "template", "spec", "containers", "0", "env");
                assertThat(env.stream().map(e -> (String) e.get("name"))).doesNotContain("APAY_TRUSTED_PROXIES", "APAY_ADMIN_ALLOWLIST");
            }
        }
    }

    static Map<String, String> jobSvcReconChecks(List<Map<String, Object>> docs) {
        Map<String, Object> job = ofKind(docs, "Deployment").stream()
                .filter(d -> "job-svc".equals(at(d, "metadata", "name"))).findFirst().orElseThrow();
        List<Map<String, Object>> env = at(job, "spec", "template", "spec", "containers", "0", "env");
        return env.stream().filter(e -> ((String) e.get("name")).startsWith("APAY_JOB_CROSSSERVICERECONCILIATION_"))
                .collect(Collectors.toMap(e -> (String) e.get("name"), e -> (String) e.get("value")));
    }

    @Test
    void jobSvcReadsTheWalletAndWealthServicesTheChartDeploysOnEveryReconciliation() {
        // docs/reconciliation.md: ON where they run, so one that is down fails the run instead of being left out
        assertThat(jobSvcReconChecks(manifests)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "APAY_JOB_CROSSSERVICERECONCILIATION_WALLETCHECKS", "ON", "APAY_JOB_CROSSSERVICERECONCILIATION_WEALTHCHECKS", "ON"));
        for (Map<String, Object> d : ofKind(manifests, "Deployment")) {
            if (!"job-svc".equals(at(d, "metadata", "name"))) {
                List<Map<String, Object>> env = at(d, "spec", "template", "spec", "containers", "0", "env");
                assertThat(env.stream().map(e -> (String) e.get("name"))).as((String) at(d, "metadata", "name"))
                        .noneMatch(n -> n.startsWith("APAY_JOB_"));
            }
        }
        // a release without wealth-svc, or without the chain bridge, leaves that check to AUTO whatever the values say
        List<Map<String, Object>> withoutWealth = parse(new Helm(CHART).template().withName("apay").set("services.wealth-svc", "null").call());
        assertThat(ofKind(withoutWealth, "Deployment").stream().map(d -> (String) at(d, "metadata", "name"))).doesNotContain("wealth-svc");
        assertThat(jobSvcReconChecks(withoutWealth)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "APAY_JOB_CROSSSERVICERECONCILIATION_WALLETCHECKS", "ON", "APAY_JOB_CROSSSERVICERECONCILIATION_WEALTHCHECKS", "AUTO"));
        List<Map<String, Object>> withoutBridge = parse(new Helm(CHART).template().withName("apay").set("services.chain-bridge-svc", "null")
                .set("reconciliation.wealthChecks", "OFF").call());
        assertThat(jobSvcReconChecks(withoutBridge)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "APAY_JOB_CROSSSERVICERECONCILIATION_WALLETCHECKS", "AUTO", "APAY_JOB_CROSSSERVICERECONCILIATION_WEALTHCHECKS", "OFF"));
    }

    static Map<String, Object> gatewayPolicy(List<Map<String, Object>> docs) {
        return ofKind(docs, "NetworkPolicy").stream().filter(p -> "gateway".equals(at(p, "metadata", "name")))
                .findFirst().orElseThrow();
    }

    @Test
    void withTheIngressControllerNamedOnlyItReachesTheGateway() {
        List<Map<String, Object>> docs = parse(new Helm(CHART).template().withName("apay")
                .set("networkPolicy.ingressController.namespaceLabels.kubernetes\\.io/metadata\\.name", "ingress-nginx")
                .set("networkPolicy.ingressController.podLabels.app\\.kubernetes\\.io/name", "ingress-nginx")
                .set("gateway.trustedProxies[0]", "10.244.0.0/16").call());
        List<Map<String, Object>> rules = at(gatewayPolicy(docs), "spec", "ingress");
        assertThat(rules).hasSize(1);
        List<Map<String, Object>> from = at(rules.get(0), "from");
        // one peer: pods with these labels in namespaces with those (both must match)
        assertThat(from).hasSize(1);
        assertThat((Map<String, Object>) at(from.get(0), "namespaceSelector", "matchLabels"))
                .containsExactly(Map.entry("kubernetes.io/metadata.name", "ingress-nginx"));
        assertThat((Map<String, Object>) at(from.get(0), "podSelector", "matchLabels"))
                .containsExactly(Map.entry("app.kubernetes.io/name", "ingress-nginx"));
        assertThat((Object) at(rules.get(0), "ports", "0", "port")).isEqualTo(8080);
    }

    @Test
    void trustedProxiesWithoutTheIngressControllerPolicyAreRefused() {
        // a trusted proxy block is only safe when nothing else in it can reach the gateway
        assertThatThrownBy(() -> new Helm(CHART).template().withName("apay")
                .set("gateway.trustedProxies[0]", "10.0.0.0/8").call())
                .hasMessageContaining("networkPolicy.ingressController");
    }

    @Test
    void everyServiceGetsTheMeshKeyFromTheSecretAndListensOnTheConfiguredAddress() {
        for (Map<String, Object> d : ofKind(manifests, "Deployment")) {
            String name = at(d, "metadata", "name");
            List<Map<String, Object>> env = at(d, "spec", "template", "spec", "containers", "0", "env");
            Map<String, Map<String, Object>> byName = env.stream().collect(Collectors.toMap(e -> (String) e.get("name"), e -> e));
            assertThat(byName).as(name).containsKeys("APAY_MESH_KEY", "APAY_MESH_ACCEPTED_KEYS", "SERVER_ADDRESS");
            assertThat(byName.get("APAY_MESH_KEY")).as(name).doesNotContainKey("value");
            assertThat((String) at(byName.get("APAY_MESH_KEY"), "valueFrom", "secretKeyRef", "key")).as(name).isEqualTo("mesh-key");
            assertThat((String) at(byName.get("APAY_MESH_KEY"), "valueFrom", "secretKeyRef", "name")).as(name).isEqualTo("apay-credentials");
            // only during a rotation; optional, so a Secret without it still starts the pods
            assertThat((String) at(byName.get("APAY_MESH_ACCEPTED_KEYS"), "valueFrom", "secretKeyRef", "key")).isEqualTo("mesh-accepted-keys");
            assertThat((Object) at(byName.get("APAY_MESH_ACCEPTED_KEYS"), "valueFrom", "secretKeyRef", "optional")).isEqualTo(true);
            assertThat(byName.get("SERVER_ADDRESS").get("value")).as(name).isEqualTo("0.0.0.0");
        }
        Map<String, Object> secret = ofKind(manifests, "Secret").get(0);
        assertThat((Map<String, Object>) at(secret, "stringData")).containsKey("mesh-key");
    }
}
