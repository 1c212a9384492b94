// SPDX-License-Identifier: Apache-2.0
// The connectivity checks over real deploy files (fixtures/deploy, fixtures/connectivity) read
// by the deploy readers, with the knowledge base's ddtrace releases.

#include <gtest/gtest.h>

#include <algorithm>

#include "rules/connectivity_checks.hpp"
#include "rules/knowledge_base.hpp"
#include "rules/release_diff.hpp"
#include "scanner/deploy/deploy_readers.hpp"
#include "tests/support/fake_source_view.hpp"

namespace tracegate::rules {
namespace {

const Tracer& ddtrace() {
  static const LoadedKnowledge loaded = load_knowledge(builtin_knowledge_files());
  return *loaded.base.find_tracer("ddtrace");
}

/// `fixture` (under fixtures/) as the repository file `path`.
struct File {
  std::string fixture;
  std::string path;
};

RepositoryDeploy repository(const std::string& name, const std::vector<File>& files) {
  RepositoryDeploy deploy;
  deploy.source = {"/src/" + name, "", "", name};
  for (const auto& file : files) {
    scanner::deploy::add_to_inventory(deploy.inventory,
                                      scanner::deploy::read_deploy_file(file.path, testing::read_fixture(file.fixture)));
  }
  scanner::deploy::finish_inventory(deploy.inventory);
  EXPECT_TRUE(deploy.inventory.diagnostics.empty()) << deploy.inventory.diagnostics.front().message;
  return deploy;
}

core::Service service(const std::string& name, const std::string& repository, const std::string& path = ".") {
  core::Service s;
  s.name = name;
  s.source = {"/src/" + repository, "", "", repository};
  s.path = path;
  s.tracer = core::TracerUse{"ddtrace", "==2.1.2", core::ConstraintSyntax::pep440, "2.1.2", {"requirements.txt", 3, 1}, {}};
  return s;
}

std::vector<core::Finding> check(const std::vector<RepositoryDeploy>& fleet, const core::Service& subject,
                                 std::string_view version = "2.11.1") {
  const std::vector<core::Service> services{subject};
  const ConnectivityChecks checks(ddtrace(), *find_release(ddtrace(), version), fleet);
  return checks.check(services.front(), services);
}

std::vector<const core::Finding*> with_check(const std::vector<core::Finding>& findings, std::string_view check) {
  std::vector<const core::Finding*> out;
  for (const auto& f : findings) {
    if (f.check_id == check) out.push_back(&f);
  }
  return out;
}

std::string at(const core::Finding& f) { return f.source.name + "/" + f.location.path + ":" + std::to_string(f.location.line); }

std::string all(const std::vector<core::Finding>& findings) {
  std::string out;
  for (const auto& f : findings) out += f.check_id + " " + at(f) + " " + f.message + "\n";
  return out;
}

const File kIncidentApp{"deploy/incident/k8s/checkout-api.yaml", "k8s/checkout-api.yaml"};
const File kPortClosed{"deploy/incident/datadog/values.yaml", "datadog/values.yaml"};
const File kPortOpen{"deploy/port-enabled/values.yaml", "datadog/values.yaml"};
const File kChartDefaults{"deploy/defaults/values.yaml", "datadog/values.yaml"};

// Done when (issue 7): DD_AGENT_HOST from status.hostIP with portEnabled: false is the incident,
// reported at the env entry; portEnabled: true clears it.
TEST(ConnectivityChecks, HostIpWithClosedHostPortIsTheIncident) {
  const std::vector fleet{repository("checkout-api", {kIncidentApp}), repository("platform", {kPortClosed})};
  const auto findings = check(fleet, service("checkout-api", "checkout-api"));
  const auto unreachable = with_check(findings, checks::kAgentUnreachable);
  ASSERT_EQ(unreachable.size(), 1u) << all(findings);
  EXPECT_EQ(at(*unreachable[0]), "checkout-api/k8s/checkout-api.yaml:35");
  EXPECT_EQ(unreachable[0]->subject, "DD_AGENT_HOST");
  EXPECT_NE(unreachable[0]->message.find("opens no host port"), std::string::npos) << unreachable[0]->message;
  const auto& causes = unreachable[0]->causes;
  EXPECT_TRUE(std::ranges::any_of(causes, [](const std::string& c) {
    return c.find("platform/datadog/values.yaml:7 sets datadog.apm.portEnabled: false") != std::string::npos;
  })) << all(findings);
  ASSERT_TRUE(unreachable[0]->fix);
  EXPECT_NE(unreachable[0]->fix->find("unix:///var/run/datadog/apm.socket"), std::string::npos);
}

TEST(ConnectivityChecks, HostPortEnabledClearsIt) {
  const std::vector fleet{repository("checkout-api", {kIncidentApp}), repository("platform", {kPortOpen})};
  const auto findings = check(fleet, service("checkout-api", "checkout-api"));
  EXPECT_TRUE(with_check(findings, checks::kAgentUnreachable).empty()) << all(findings);
}

TEST(ConnectivityChecks, ChartDefaultsCloseTheHostPortAndSayWhichChartWasAssumed) {
  const std::vector fleet{repository("checkout-api", {kIncidentApp}), repository("platform", {kChartDefaults})};
  const auto findings = check(fleet, service("checkout-api", "checkout-api"));
  const auto unreachable = with_check(findings, checks::kAgentUnreachable);
  ASSERT_EQ(unreachable.size(), 1u) << all(findings);
  EXPECT_TRUE(std::ranges::any_of(unreachable[0]->causes, [](const std::string& c) {
    return c.find("portEnabled is false: the default of chart") != std::string::npos && c.find("assumed") != std::string::npos;
  })) << unreachable[0]->causes.front();
}

TEST(ConnectivityChecks, AgentOnTheHostNetworkIsReachableByNodeIp) {
  const std::vector fleet{repository("checkout-api", {kIncidentApp}),
                          repository("platform", {{"connectivity/agents/host-network.yaml", "datadog/values.yaml"}})};
  EXPECT_TRUE(with_check(check(fleet, service("checkout-api", "checkout-api")), checks::kAgentUnreachable).empty());
}

// Done when (issue 7): a pod set up for the admission controller's socket mode without the mount.
TEST(ConnectivityChecks, SocketWithoutTheMountWhenTheControllerInjectsHostIp) {
  // Labelled for the admission controller, but the controller runs in hostip mode: DD_TRACE_AGENT_URL,
  // set by the pod, still wins, and nothing mounts the socket.
  const std::vector fleet{repository("orders", {{"deploy/admission/deployment.yaml", "deploy/deployment.yaml"}}),
                          repository("platform", {kPortOpen})};
  const auto findings = check(fleet, service("orders", "orders"));
  const auto unreachable = with_check(findings, checks::kAgentUnreachable);
  ASSERT_EQ(unreachable.size(), 1u) << all(findings);
  EXPECT_EQ(at(*unreachable[0]), "orders/deploy/deployment.yaml:22");
  EXPECT_EQ(unreachable[0]->subject, "DD_TRACE_AGENT_URL");
  EXPECT_NE(unreachable[0]->message.find("nothing is mounted at /var/run/datadog"), std::string::npos);
  EXPECT_TRUE(std::ranges::any_of(unreachable[0]->causes, [](const std::string& c) { return c.find("'hostip' mode") != std::string::npos; }));
}

TEST(ConnectivityChecks, SocketWithoutTheMountWhenTheControllerIsOff) {
  const std::vector fleet{repository("orders", {{"deploy/admission/deployment.yaml", "deploy/deployment.yaml"}}),
                          repository("platform", {{"connectivity/agents/no-admission.yaml", "datadog/values.yaml"}})};
  const auto findings = check(fleet, service("orders", "orders"));
  const auto unreachable = with_check(findings, checks::kAgentUnreachable);
  ASSERT_EQ(unreachable.size(), 1u);
  EXPECT_TRUE(std::ranges::any_of(unreachable[0]->causes,
                                  [](const std::string& c) { return c.find("does not mutate this pod") != std::string::npos; }));
}

TEST(ConnectivityChecks, TheControllerInSocketModeMountsTheSocket) {
  // Chart defaults: admission controller on, configMode derived as socket; the pod opts in.
  const std::vector fleet{repository("orders", {{"deploy/admission/deployment.yaml", "deploy/deployment.yaml"}}),
                          repository("platform", {kChartDefaults})};
  const auto findings = check(fleet, service("orders", "orders"));
  EXPECT_TRUE(with_check(findings, checks::kAgentUnreachable).empty()) << all(findings);
  EXPECT_TRUE(with_check(findings, checks::kUnifiedTaggingMissing).empty()) << all(findings);
}

TEST(ConnectivityChecks, MountedSocketButTheAgentsSocketIsOff) {
  const std::vector fleet{repository("ledger", {{"deploy/socket/statefulset.yaml", "k8s/ledger.yaml"}}),
                          repository("platform", {{"connectivity/agents/socket-off.yaml", "datadog/values.yaml"}})};
  const auto findings = check(fleet, service("ledger", "ledger"));
  const auto unreachable = with_check(findings, checks::kAgentUnreachable);
  ASSERT_EQ(unreachable.size(), 1u);
  EXPECT_NE(unreachable[0]->message.find("the agent's socket is off"), std::string::npos);
  EXPECT_EQ(at(*unreachable[0]), "ledger/k8s/ledger.yaml:22");
}

TEST(ConnectivityChecks, MountedSocketWithTheChartDefaultsIsFine) {
  const std::vector fleet{repository("ledger", {{"deploy/socket/statefulset.yaml", "k8s/ledger.yaml"}}),
                          repository("platform", {kChartDefaults})};
  EXPECT_TRUE(with_check(check(fleet, service("ledger", "ledger")), checks::kAgentUnreachable).empty());
}

TEST(ConnectivityChecks, NothingSetFallsBackToLocalhost) {
  const std::vector fleet{repository("quotes", {{"connectivity/apps/default-env.yaml", "deploy/app.yaml"}}),
                          repository("platform", {kChartDefaults})};
  const auto findings = check(fleet, service("quotes", "quotes"));
  const auto unreachable = with_check(findings, checks::kAgentUnreachable);
  ASSERT_EQ(unreachable.size(), 1u) << all(findings);
  EXPECT_EQ(at(*unreachable[0]), "quotes/deploy/app.yaml:19");  // the container: where the settings go
  EXPECT_NE(unreachable[0]->message.find("http://localhost:8126"), std::string::npos);
  EXPECT_TRUE(with_check(findings, checks::kUnifiedTaggingMissing).empty()) << all(findings);
}

TEST(ConnectivityChecks, LoopbackFromAConfigMapIsReportedAtTheConfigMap) {
  const std::vector fleet{repository("pricing", {{"connectivity/apps/configmap-host.yaml", "k8s/pricing.yaml"}}),
                          repository("platform", {kChartDefaults})};
  const auto findings = check(fleet, service("pricing", "pricing"));
  const auto unreachable = with_check(findings, checks::kAgentUnreachable);
  ASSERT_EQ(unreachable.size(), 1u) << all(findings);
  EXPECT_EQ(at(*unreachable[0]), "pricing/k8s/pricing.yaml:8");
  // DD_ENV from the ConfigMap (envFrom), service and version from labels: tagged.
  EXPECT_TRUE(with_check(findings, checks::kUnifiedTaggingMissing).empty()) << all(findings);
}

TEST(ConnectivityChecks, ClusterServiceAndSidecarAreReachable) {
  const std::vector platform{repository("platform", {kPortClosed})};
  auto fleet = platform;
  fleet.push_back(repository("search", {{"connectivity/apps/service-host.yaml", "k8s/search.yaml"}}));
  EXPECT_TRUE(check(fleet, service("search", "search")).empty()) << all(check(fleet, service("search", "search")));
  fleet = platform;
  fleet.push_back(repository("batch", {{"connectivity/apps/sidecar.yaml", "k8s/batch.yaml"}}));
  EXPECT_TRUE(check(fleet, service("batch", "batch")).empty()) << all(check(fleet, service("batch", "batch")));
}

TEST(ConnectivityChecks, MalformedUrl) {
  const std::vector fleet{repository("ledger-api", {{"connectivity/apps/bad-url.yaml", "k8s/deployment.yaml"}}),
                          repository("platform", {kChartDefaults})};
  const auto findings = check(fleet, service("ledger-api", "ledger-api"));
  const auto invalid = with_check(findings, checks::kAgentUrlInvalid);
  ASSERT_EQ(invalid.size(), 1u) << all(findings);
  EXPECT_EQ(at(*invalid[0]), "ledger-api/k8s/deployment.yaml:16");
  EXPECT_NE(invalid[0]->message.find("unknown scheme 'tcp'"), std::string::npos);
}

TEST(ConnectivityChecks, MissingUnifiedServiceTagsIsTheEnvNone) {
  const std::vector fleet{repository("mailer", {{"connectivity/apps/untagged.yaml", "k8s/mailer.yaml"}}),
                          repository("platform", {kChartDefaults})};
  const auto findings = check(fleet, service("mailer", "mailer"));
  const auto untagged = with_check(findings, checks::kUnifiedTaggingMissing);
  ASSERT_EQ(untagged.size(), 1u) << all(findings);
  EXPECT_EQ(untagged[0]->severity, core::Severity::warning);
  EXPECT_NE(untagged[0]->message.find("env:none"), std::string::npos);
  EXPECT_NE(untagged[0]->message.find("env, service, version"), std::string::npos);
  EXPECT_TRUE(with_check(findings, checks::kAgentUnreachable).empty()) << all(findings);
}

TEST(ConnectivityChecks, AgentOlderThanTheTracersMinimum) {
  const std::vector fleet{repository("checkout-api", {kIncidentApp}),
                          repository("platform", {{"connectivity/agents/old-agent.yaml", "datadog/values.yaml"}})};
  const auto findings = check(fleet, service("checkout-api", "checkout-api"));
  const auto old = with_check(findings, checks::kAgentTooOld);
  ASSERT_EQ(old.size(), 1u) << all(findings);
  EXPECT_EQ(at(*old[0]), "platform/datadog/values.yaml:7");
  EXPECT_NE(old[0]->message.find("7.21.1 is older than 7.28.0"), std::string::npos) << old[0]->message;
}

TEST(ConnectivityChecks, NoAgentConfigurationIsANoteNotAnError) {
  const std::vector fleet{repository("checkout-api", {kIncidentApp})};
  const auto findings = check(fleet, service("checkout-api", "checkout-api"));
  const auto unknown = with_check(findings, checks::kConnectivityUnknown);
  ASSERT_EQ(unknown.size(), 1u) << all(findings);
  EXPECT_EQ(unknown[0]->severity, core::Severity::note);
  EXPECT_NE(unknown[0]->message.find("http://<node-ip>:8126"), std::string::npos);
  EXPECT_TRUE(with_check(findings, checks::kAgentUnreachable).empty());
}

TEST(ConnectivityChecks, NoDeploymentIsANote) {
  const std::vector fleet{repository("platform", {kPortClosed})};
  const auto findings = check(fleet, service("reports", "reports"));
  ASSERT_EQ(findings.size(), 1u) << all(findings);
  EXPECT_EQ(findings[0].check_id, checks::kConnectivityUnknown);
  EXPECT_EQ(findings[0].location.path, "requirements.txt");
}

TEST(ConnectivityChecks, WorkloadsTieByNameAcrossRepositoriesAndByLocationWithin) {
  // A GitOps repository deploys checkout-api; the service's code lives in its own repository.
  const std::vector fleet{repository("gitops", {{"deploy/incident/k8s/checkout-api.yaml", "apps/shop/checkout.yaml"}}),
                          repository("platform", {kPortClosed})};
  const auto findings = check(fleet, service("checkout-api", "checkout-api"));
  const auto unreachable = with_check(findings, checks::kAgentUnreachable);
  ASSERT_EQ(unreachable.size(), 1u) << all(findings);
  EXPECT_EQ(at(*unreachable[0]), "gitops/apps/shop/checkout.yaml:35");
  // A differently named service in the same repository is tied by location.
  const std::vector own{repository("shop", {{"deploy/incident/k8s/checkout-api.yaml", "services/cart/k8s/deployment.yaml"}}),
                        repository("platform", {kPortClosed})};
  EXPECT_EQ(with_check(check(own, service("cart", "shop", "services/cart")), checks::kAgentUnreachable).size(), 1u);
  EXPECT_EQ(with_check(check(own, service("cart", "shop", "services/other")), checks::kConnectivityUnknown).size(), 1u);
}

TEST(ConnectivityChecks, TheImageEnvIsOverriddenByThePodAndReportedAtItsLine) {
  // The image sets DD_AGENT_HOST=localhost; the pod sets nothing about the agent.
  const std::vector fleet{repository("quotes", {{"connectivity/apps/localhost.Dockerfile", "Dockerfile"},
                                                {"connectivity/apps/default-env.yaml", "deploy/app.yaml"}}),
                          repository("platform", {kChartDefaults})};
  const auto findings = check(fleet, service("quotes", "quotes"));
  const auto unreachable = with_check(findings, checks::kAgentUnreachable);
  ASSERT_EQ(unreachable.size(), 1u) << all(findings);
  EXPECT_EQ(at(*unreachable[0]), "quotes/Dockerfile:7");
  EXPECT_EQ(unreachable[0]->subject, "DD_AGENT_HOST");
  // The pod's env wins over the image's: the incident's pod spec overrides the image's localhost.
  const std::vector overridden{repository("checkout-api", {{"connectivity/apps/localhost.Dockerfile", "Dockerfile"}, kIncidentApp}),
                               repository("platform", {kPortClosed})};
  const auto pod = check(overridden, service("checkout-api", "checkout-api"));
  const auto incident = with_check(pod, checks::kAgentUnreachable);
  ASSERT_EQ(incident.size(), 1u) << all(pod);
  EXPECT_EQ(at(*incident[0]), "checkout-api/k8s/checkout-api.yaml:35");
  EXPECT_TRUE(with_check(pod, checks::kUnifiedTaggingMissing).empty() ||
              with_check(pod, checks::kUnifiedTaggingMissing)[0]->severity == core::Severity::note)
      << all(pod);  // DD_ENV comes from the image
}

TEST(ConnectivityChecks, TheServiceCatalogNamesTheService) {
  // services/cart calls itself checkout-api in its service.datadog.yaml; the GitOps repository
  // deploys checkout-api.
  const std::vector fleet{repository("shop", {{"deploy/catalog/v2/service.datadog.yaml", "services/cart/service.datadog.yaml"}}),
                          repository("gitops", {{"deploy/incident/k8s/checkout-api.yaml", "apps/checkout.yaml"}}),
                          repository("platform", {kPortClosed})};
  const auto findings = check(fleet, service("cart", "shop", "services/cart"));
  const auto unreachable = with_check(findings, checks::kAgentUnreachable);
  ASSERT_EQ(unreachable.size(), 1u) << all(findings);
  EXPECT_EQ(at(*unreachable[0]), "gitops/apps/checkout.yaml:35");
}

TEST(ConnectivityChecks, ComposeServicesAgainstTheAgentServiceOfTheirFile) {
  const std::vector fleet{repository("shop", {{"deploy/compose/docker-compose.yml", "docker-compose.yml"}})};
  // web: DD_AGENT_HOST names the agent service; worker: the socket directory is shared with it.
  for (const auto* name : {"web", "worker"}) {
    const auto findings = check(fleet, service(name, "shop"));
    EXPECT_TRUE(with_check(findings, checks::kAgentUnreachable).empty()) << name << "\n" << all(findings);
    EXPECT_TRUE(with_check(findings, checks::kConnectivityUnknown).empty()) << name << "\n" << all(findings);
  }
  const std::vector local{repository("dev", {{"connectivity/compose/docker-compose.yml", "docker-compose.yml"}})};
  const auto api = check(local, service("api", "dev"));
  const auto unreachable = with_check(api, checks::kAgentUnreachable);
  ASSERT_EQ(unreachable.size(), 1u) << all(api);
  EXPECT_EQ(at(*unreachable[0]), "dev/docker-compose.yml:11");
  EXPECT_NE(unreachable[0]->message.find("its own container"), std::string::npos);
  EXPECT_NE(unreachable[0]->fix->find("DD_AGENT_HOST=datadog"), std::string::npos);
  EXPECT_TRUE(with_check(api, checks::kUnifiedTaggingMissing).empty()) << all(api);
  // jobs mounts ./run, which the agent does not share: the default socket is absent, localhost it is.
  const auto jobs = check(local, service("jobs", "dev"));
  const auto fallback = with_check(jobs, checks::kAgentUnreachable);
  ASSERT_EQ(fallback.size(), 1u) << all(jobs);
  EXPECT_EQ(at(*fallback[0]), "dev/docker-compose.yml:15");
  EXPECT_TRUE(with_check(jobs, checks::kUnifiedTaggingMissing).empty()) << all(jobs);  // com.datadoghq.tags.* labels
}

TEST(ConnectivityChecks, ADatabaseNextToTheServiceIsNotTheService) {
  // Tied by location (no compose service is named like the directory): the app is judged, the
  // postgres next to it is not (it has no Datadog settings and is not built from here).
  const std::vector fleet{repository("examples", {{"connectivity/compose/location-tied.yml", "django-tutorial/docker-compose.yml"}})};
  const auto findings = check(fleet, service("django-tutorial", "examples", "django-tutorial"));
  EXPECT_TRUE(with_check(findings, checks::kAgentUnreachable).empty()) << all(findings);  // DD_TRACE_AGENT_HOSTNAME=agent
  const auto untagged = with_check(findings, checks::kUnifiedTaggingMissing);
  ASSERT_EQ(untagged.size(), 1u) << all(findings);
  EXPECT_EQ(at(*untagged[0]), "examples/django-tutorial/docker-compose.yml:4");
}

}  // namespace
}  // namespace tracegate::rules
