using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Components.Plan;

namespace FreshFoodz.Stacks.Tests.Plans;

/// <summary>
/// Recorder-style tests: the plan is what a mock engine would record, so each component is checked by the resources,
/// inputs and options it plans, against the facts and rules they come from.
/// </summary>
public class ComponentTests
{
    private static readonly StackPlan De = Plans.Of("de-prod", Season.Weihnachten);
    private static readonly StackPlan Ch = Plans.Of("ch-prod", Season.Weihnachten);

    [Fact]
    public void FoundationHasGroupsInPrimaryAndDrRegions()
    {
        Assert.Equal("germanywestcentral", De.Text("foundation-rg-primary", "location"));
        Assert.Equal("germanynorth", De.Text("foundation-rg-dr", "location"));
        Assert.Equal("rg-freshfoodz-de-prod-gwc", De.Text("foundation-rg-primary", "resourceGroupName"));
        Assert.Equal("switzerlandwest", Ch.Text("foundation-rg-dr", "location"));
    }

    [Theory]
    [InlineData("de-prod", "germanywestcentral", "germanynorth")]
    [InlineData("ch-prod", "switzerlandnorth", "switzerlandwest")]
    public void AllowedLocationsPolicyListsExactlyTheTerritorysRegions(string stack, string primary, string dr)
    {
        var plan = Plans.Of(stack, Season.Baseline);
        foreach (var role in new[] { "primary", "dr" })
        {
            var assignment = plan.Resource($"foundation-residency-{role}");
            Assert.Equal("/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c", plan.Text(assignment.Name, "policyDefinitionId"));
            Assert.Equal(new PlanRef($"foundation-rg-{role}", "id"), assignment.Inputs["scope"]);
            Assert.Equal(PlanValue.List(primary, dr), assignment.Inputs.At("parameters.listOfAllowedLocations.value"));
        }
    }

    [Fact]
    public void ClusterSpansTheZonesAndKeepsItsSystemPoolAsCreated()
    {
        var cluster = De.Resource("platform-cluster");
        Assert.Equal<string>(["agentPoolProfiles"], cluster.Options.IgnoreChanges);
        var system = ((PlanList)cluster.Inputs["agentPoolProfiles"]!).Items.Single() as PlanMap;
        Assert.Equal(PlanValue.List("1", "2", "3"), system!["availabilityZones"]);
        Assert.Equal("System", ((PlanString)system["mode"]!).Value);
        Assert.Equal(new PlanBool(true), cluster.Inputs["disableLocalAccounts"]);
    }

    [Fact]
    public void AppPoolAutoscalesBetweenTheCapacityEnginesBounds()
    {
        // The floor is the off-hours count (8 api floor pods + 13 workers: 5 packed + surge), not the season's 8: the
        // business window's pods make the autoscaler add the rest (docs/capacity-model.md, Daily floor).
        var capacity = CapacityEngine.Size(Plans.Settings("de-prod").Capacity, Season.Weihnachten);
        Assert.Equal(8, capacity.Nodes.AutoscalerMin);
        Assert.Equal(6, De.Int("platform-app-pool", "minCount"));
        Assert.Equal(6, De.Int("platform-app-pool", "count"));
        Assert.Equal(capacity.Nodes.AutoscalerMax, De.Int("platform-app-pool", "maxCount"));
        Assert.Equal("Standard_D4ds_v5", De.Text("platform-app-pool", "vmSize"));
        Assert.Equal<string>(["count"], De.Resource("platform-app-pool").Options.IgnoreChanges);
    }

    [Theory]
    [InlineData("de-prod", "SameZone")]      // new zone-redundant HA is blocked in Germany West Central
    [InlineData("ch-prod", "ZoneRedundant")] // Switzerland North allows it
    public void CriticalDatabaseHasTheBestHaItsRegionAllows(string stack, string mode)
    {
        var plan = Plans.Of(stack, Season.Baseline);
        Assert.Equal(mode, plan.Text("data-critical-server", "highAvailability.mode"));
        Assert.Equal("Disabled", plan.Text("data-high-server", "highAvailability.mode"));
        Assert.Equal("Disabled", plan.Text("data-standard-server", "highAvailability.mode"));
    }

    [Fact]
    public void CriticalDatabaseHasInCountryReplica()
    {
        foreach (var tier in new[] { "critical", "high" })
        {
            var replica = De.Resource($"data-{tier}-replica");
            Assert.Equal("germanynorth", De.Text(replica.Name, "location"));
            Assert.Equal("Replica", De.Text(replica.Name, "createMode"));
            Assert.Equal(new PlanRef($"data-{tier}-server", "id"), replica.Inputs["sourceServerResourceId"]);
            Assert.Equal(De.Text($"data-{tier}-server", "sku.name"), De.Text(replica.Name, "sku.name"));
        }
        Assert.DoesNotContain(De.Resources, r => r.Name == "data-standard-replica");
    }

    [Theory]
    [InlineData("critical", 35)]
    [InlineData("high", 14)]
    [InlineData("standard", 7)]
    public void BackupsFollowTheTierAndAreGeoRedundantFromCreation(string tier, int days)
    {
        Assert.Equal(days, De.Int($"data-{tier}-server", "backup.backupRetentionDays"));
        Assert.Equal("Enabled", De.Text($"data-{tier}-server", "backup.geoRedundantBackup"));
    }

    [Fact]
    public void CriticalDatabaseSkuComesFromTheCapacityEngine()
    {
        var capacity = CapacityEngine.Size(Plans.Settings("de-prod").Capacity, Season.Weihnachten);
        Assert.Equal(capacity.Database.Sku.Name, De.Text("data-critical-server", "sku.name"));
        // max_connections is static: it stays at Azure's creation default (no Configuration), apps pool through PgBouncer.
        Assert.DoesNotContain(De.OfType("azure-native:dbforpostgresql:Configuration"), c => c.Inputs.At("configurationName") == new PlanString("max_connections"));
        Assert.Equal("true", De.Text("data-critical-pgbouncer", "value"));
        Assert.Equal("true", De.Text("data-critical-replica-pgbouncer", "value"));
        Assert.Equal(new PlanRef("data-critical-replica", "name"), De.Input("data-critical-replica-pgbouncer", "serverName"));
    }

    [Fact]
    public void EveryPrimaryHasItsEntraTenantAndAdministratorFromTheStackFile()
    {
        var tenant = De.Input("data-critical-server", "authConfig.tenantId");
        Assert.IsType<PlanInvoke>(tenant);
        Assert.Equal("tenantId", ((PlanInvoke)tenant!).ResultPath);
        foreach (var tier in new[] { "critical", "high", "standard" })
        {
            var admin = De.Resource($"data-{tier}-entra-admin");
            Assert.Equal("azure-native:dbforpostgresql:Administrator", admin.Type);
            Assert.Equal(new PlanRef($"data-{tier}-server", "name"), admin.Inputs["serverName"]);
            // Pulumi.de-prod.yaml: freshfoodz:databaseAdmin, a Group, which the API spells "group".
            Assert.Equal(("55555555-5555-4555-8555-555555555555", "sg-freshfoodz-de-dba", "group"),
                (De.Text(admin.Name, "objectId"), De.Text(admin.Name, "principalName"), De.Text(admin.Name, "principalType")));
            Assert.Equal(tenant, admin.Inputs["tenantId"]);
        }
        // One operation at a time: PgBouncer (or, on Burstable, the database) waits for the administrator.
        Assert.Contains("data-critical-entra-admin", De.Resource("data-critical-pgbouncer").Options.DependsOn);
        Assert.Contains("data-standard-entra-admin", De.Resource("data-standard-database").Options.DependsOn);
        Assert.DoesNotContain(De.Resources, r => r.Type == "azure-native:dbforpostgresql:Administrator" && r.Name.Contains("replica", StringComparison.Ordinal));
    }

    [Fact]
    public void TheConnectionsPanelHasAPostgresExporterPerPrimaryReadingItsPasswordFromKeyVault()
    {
        var objects = De.Text("postgres-exporters-database-passwords", "spec.parameters.objects")!;
        var secrets = new List<string>();
        foreach (var tier in new[] { "critical", "high", "standard" })
        {
            var d = De.Resource($"postgres-exporters-{tier}");
            Assert.Equal("kubernetes:apps/v1:Deployment", d.Type);
            var container = ((PlanList)De.Input(d.Name, "spec.template.spec.containers")!).Items.OfType<PlanMap>().Single();
            var vars = ((PlanList)container["env"]!).Items.OfType<PlanMap>().ToDictionary(e => ((PlanString)e["name"]!).Value, e => ((PlanString)e["value"]!).Value);
            // The current primary on 5432 (not PgBouncer): through the writer endpoint where a replica may be promoted,
            // the server itself on the standard tier; the password from the CSI mount only.
            var server = De.Text($"data-{tier}-server", "serverName");
            var host = tier == "standard" ? $"{server}.postgres.database.azure.com" : $"{server}-writer.writer.postgres.database.azure.com";
            if (tier != "standard")
            {
                Assert.Equal($"{De.Text($"data-{tier}-writer-endpoint", "virtualEndpointName")}.writer.postgres.database.azure.com", host);
            }
            Assert.Equal($"{host}:5432/freshfoodz?sslmode=require", vars["DATA_SOURCE_URI"]);
            Assert.Equal($"/mnt/secrets/{tier}", vars["DATA_SOURCE_PASS_FILE"]);
            Assert.DoesNotContain("DATA_SOURCE_PASS", vars.Keys);
            // The mounted file of that name is the tier's password secret.
            var secret = System.Text.RegularExpressions.Regex.Match(objects, $@"objectName: (\S+)\n    objectType: secret\n    objectAlias: {tier}\n").Groups[1].Value;
            Assert.NotEmpty(secret);
            secrets.Add(secret);
        }
        // Allowed to read exactly those three secrets, nothing else.
        var scopes = De.Resources.Where(r => r.Name.StartsWith("postgres-exporters-reads-", StringComparison.Ordinal))
            .Select(r => ((PlanRef)r.Inputs["scope"]!).Resource).Order(StringComparer.Ordinal);
        Assert.Equal(secrets.Select(x => $"secrets-secret-{x}").Order(StringComparer.Ordinal), scopes);
        // Scraped by the chart's Prometheus (release label), the pod's tier becoming the series' "tier".
        var monitor = De.Resource("postgres-exporters-pod-monitor");
        Assert.Equal("kube-prometheus-stack", De.Text(monitor.Name, "metadata.labels.release"));
        var endpoint = ((PlanList)De.Input(monitor.Name, "spec.podMetricsEndpoints")!).Items.OfType<PlanMap>().Single();
        var relabel = ((PlanList)endpoint["relabelings"]!).Items.OfType<PlanMap>().Single();
        Assert.Equal(new PlanString("tier"), relabel["targetLabel"]);
    }

    [Fact]
    public void TheDeployingIdentityGetsClusterAdminBeforeAnyKubernetesResource()
    {
        // Azure RBAC for Kubernetes: Owner has no data actions, so the plan grants the built-in
        // "Azure Kubernetes Service RBAC Cluster Admin" (b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b) on the cluster.
        var access = De.Resource("platform-deployer-cluster-admin");
        Assert.Equal("azure-native:authorization:RoleAssignment", access.Type);
        Assert.Equal(new PlanRef("platform-cluster", "id"), access.Inputs["scope"]);
        Assert.Equal("/subscriptions/11111111-1111-4111-8111-111111111111/providers/Microsoft.Authorization/roleDefinitions/b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b",
            De.Text(access.Name, "roleDefinitionId"));
        Assert.Equal(("22222222-2222-4222-8222-222222222222", "ServicePrincipal"), (De.Text(access.Name, "principalId"), De.Text(access.Name, "principalType")));
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", De.Text(access.Name, "roleAssignmentName"));
        Assert.Equal(De.Text(access.Name, "roleAssignmentName"), Plans.Of("de-prod", Season.Baseline).Text(access.Name, "roleAssignmentName"));
        // Every Kubernetes resource waits for it: directly, or through another Kubernetes resource that does.
        Assert.All(De.Resources.Where(r => r.Package == "kubernetes"), r => Assert.True(WaitsFor(De, r.Name, access.Name), $"{r.Name} does not wait for {access.Name}"));
        Assert.Contains(access.Name, De.Resource("workloads-sales-namespace").Options.DependsOn);
    }

    private static bool WaitsFor(StackPlan plan, string name, string prerequisite)
    {
        var r = plan.Resource(name);
        var before = r.Inputs.Descendants().OfType<PlanRef>().Select(x => x.Resource).Concat(r.Options.DependsOn).Distinct().ToList();
        return before.Contains(prerequisite)
            || before.Where(b => plan.Resources.Any(x => x.Name == b && x.Package == "kubernetes")).Any(b => WaitsFor(plan, b, prerequisite));
    }

    [Fact]
    public void PrometheusScrapesTheAppsAndNotTheControlPlaneAksHides()
    {
        // AKS hides scheduler, controller manager and etcd; Cilium replaces kube-proxy: their scrapes and alerts are off.
        foreach (var component in new[] { "kubeScheduler", "kubeControllerManager", "kubeEtcd", "kubeProxy" })
        {
            Assert.Equal(new PlanBool(false), De.Input("monitoring-stack", $"values.{component}.enabled"));
        }
        // One PodMonitor per module namespace, selecting exactly that module's deployments, on the "metrics" port every 30 s.
        var sales = De.Resource("monitoring-apps-sales");
        Assert.Equal("kubernetes:monitoring.coreos.com/v1:PodMonitor", sales.Type);
        Assert.Equal("sales", De.Text(sales.Name, "metadata.namespace"));
        Assert.Equal("kube-prometheus-stack", De.Text(sales.Name, "metadata.labels.release"));
        var selector = (PlanMap)((PlanList)De.Input(sales.Name, "spec.selector.matchExpressions")!).Items.Single();
        Assert.Equal(PlanValue.List("event-catering-api", "lead-protection-worker", "order-api", "sample-api"), selector["values"]);
        var endpoint = (PlanMap)((PlanList)De.Input(sales.Name, "spec.podMetricsEndpoints")!).Items.Single();
        Assert.Equal(("metrics", "/metrics", "30s"), (((PlanString)endpoint["port"]!).Value, ((PlanString)endpoint["path"]!).Value, ((PlanString)endpoint["interval"]!).Value));
        Assert.Equal<string>(["monitoring-stack", "workloads-sales-namespace"], sales.Options.DependsOn);
        // And one for the PostgreSQL exporters (the connections panel's source).
        Assert.Equal(["monitoring-apps-crm", "monitoring-apps-help", "monitoring-apps-sales", "postgres-exporters-pod-monitor"],
            De.OfType("kubernetes:monitoring.coreos.com/v1:PodMonitor").Select(r => r.Name));
    }

    [Fact]
    public void PagesGoToPagerDutysEuEndpoint()
    {
        // EU data, EU service region: Alertmanager's default events.pagerduty.com would be the US endpoint.
        var urls = De.Input("monitoring-stack", "values.alertmanager.config")!.Descendants().OfType<PlanMap>()
            .Where(m => m["routing_key_file"] is not null).Select(m => m["url"]).ToList();
        Assert.Equal([new PlanString("https://events.eu.pagerduty.com/v2/enqueue")], urls);
    }

    [Fact]
    public void EachTiersServerOperationsRunOneAfterAnother()
    {
        // server → PgBouncer → database → replica → replica PgBouncer → writer endpoint (ServerIsBusy otherwise).
        Assert.Equal<string>(["data-critical-pgbouncer"], De.Resource("data-critical-database").Options.DependsOn);
        Assert.Equal<string>(["data-critical-database"], De.Resource("data-critical-replica").Options.DependsOn);
        Assert.Equal<string>(["data-critical-replica-pgbouncer"], De.Resource("data-critical-writer-endpoint").Options.DependsOn);
    }

    [Fact]
    public void AiBudgetStartsOnTheFirstOfTheCreationMonthWhateverTheSeason()
    {
        // createdOn 2026-12-02 in the stack file → 2026-12-01; the same in every season's plan (a budget's start never moves).
        Assert.All(SeasonNames.All, s => Assert.Equal("2026-12-01T00:00:00Z", Plans.Of("de-prod", s).Text("cost-guard-budget", "timePeriod.startDate")));
        var later = Plans.SettingsWith("de-prod", ("freshfoodz:createdOn: \"2026-12-02\"", "freshfoodz:createdOn: \"2027-02-28\""));
        Assert.Equal("2027-02-01T00:00:00Z", StackPlanner.Build(later, Season.Baseline).Text("cost-guard-budget", "timePeriod.startDate"));
    }

    [Fact]
    public void AdminPasswordComesFromRandomPasswordAsASecret()
    {
        var password = De.Resource("data-critical-admin-password");
        Assert.Equal("random:index/randomPassword:RandomPassword", password.Type);
        Assert.Equal<string>(["result", "bcryptHash"], password.Options.AdditionalSecretOutputs);
        Assert.Equal(new PlanSecret(new PlanRef(password.Name, "result")), De.Input("data-critical-server", "administratorLoginPassword"));
    }

    [Theory]
    [InlineData("audit-audit7y-account", 2557)]  // 7 × 365 + 2 leap days
    [InlineData("audit-acct11y-account", 4018)]  // 10 years after year end: 11 × 365 + 3
    public void AuditArchiveIsLockedForItsRetention(string account, int days)
    {
        Assert.Equal(days, De.Int(account, "immutableStorageWithVersioning.immutabilityPolicy.immutabilityPeriodSinceCreationInDays"));
        // Created Unlocked (Azure cannot create a Locked policy); locked by the stack setting, one way.
        Assert.Equal("Unlocked", De.Text(account, "immutableStorageWithVersioning.immutabilityPolicy.state"));
        var locked = StackPlanner.Build(Plans.SettingsWith("de-prod", ("freshfoodz:auditImmutability: unlocked", "freshfoodz:auditImmutability: locked")), Season.Baseline);
        Assert.Equal("Locked", locked.Text(account, "immutableStorageWithVersioning.immutabilityPolicy.state"));
        Assert.Equal("Standard_GZRS", De.Text(account, "sku.name"));
        Assert.Equal("TLS1_2", De.Text(account, "minimumTlsVersion"));
        Assert.Equal(new PlanBool(false), De.Input(account, "allowSharedKeyAccess"));
        Assert.Equal(new PlanBool(false), De.Input(account, "allowBlobPublicAccess"));
        Assert.True(De.Resource(account).Options.Protect);
    }

    /// <summary>
    /// de-prod at Weihnachten: order-api's floor survivor carries 20 req/s against 250 × 0.45 × factor, so the default
    /// curve's 06:00–19:00 is the window (docs/capacity-model.md, Daily floor); its minimum starts 10 minutes early.
    /// </summary>
    [Fact]
    public void ScaledObjectSchedulesTheSeasonInTheWindowAndTheZoneFloorOutsideIt()
    {
        var capacity = CapacityEngine.Size(Plans.Settings("de-prod").Capacity, Season.Weihnachten);
        var order = capacity.Deployments.Single(d => d.Name == "order-api");
        const string Scaler = "workloads-sales-order-api-scaler";
        Assert.Equal("kubernetes:keda.sh/v1alpha1:ScaledObject", De.Resource(Scaler).Type);
        Assert.Equal(2, De.Int(Scaler, "spec.minReplicaCount"));
        Assert.Equal(order.MaxReplicas, De.Int(Scaler, "spec.maxReplicaCount"));
        Assert.Equal("order-api", De.Text(Scaler, "spec.scaleTargetRef.name"));
        Assert.Equal("order-api", De.Text(Scaler, "spec.advanced.horizontalPodAutoscalerConfig.name"));
        Assert.Equal(300, De.Int(Scaler, "spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.stabilizationWindowSeconds"));
        var triggers = ((PlanList)De.Input(Scaler, "spec.triggers")!).Items.Cast<PlanMap>().ToList();
        Assert.Equal(["cron", "prometheus"], triggers.Select(t => ((PlanString)t["type"]!).Value));
        var cron = (PlanMap)triggers[0]["metadata"]!;
        Assert.Equal(("Europe/Berlin", "50 5 * * *", "0 19 * * *", order.MinReplicas.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (((PlanString)cron["timezone"]!).Value, ((PlanString)cron["start"]!).Value, ((PlanString)cron["end"]!).Value, ((PlanString)cron["desiredReplicas"]!).Value));
        // Above the schedule, the load per pod: 8 concurrent × 0.50 (Weihnachten's app target) / 0.2 s = 20 requests/s per pod,
        // the deployment's request rate from the in-cluster Prometheus over the last 2 minutes of scrapes.
        var load = (PlanMap)triggers[1]["metadata"]!;
        Assert.Equal(new PlanString("AverageValue"), triggers[1]["metricType"]);
        Assert.Equal("20", ((PlanString)load["threshold"]!).Value);
        Assert.Equal("http://kube-prometheus-stack-prometheus.monitoring.svc.cluster.local:9090", ((PlanString)load["serverAddress"]!).Value);
        Assert.Equal("sum(rate(http_requests_total{namespace=\"sales\",pod=~\"order-api-[a-z0-9]+-[a-z0-9]+\"}[2m]))", ((PlanString)load["query"]!).Value);
        Assert.DoesNotContain(De.Resources, r => r.Type == "kubernetes:autoscaling/v2:HorizontalPodAutoscaler"); // KEDA owns the HPA
        Assert.Equal(new PlanBool(true), De.Input("platform-cluster", "workloadAutoScalerProfile.keda.enabled"));
        Assert.Equal(1, De.Int("workloads-sales-order-api-pdb", "spec.maxUnavailable"));
    }

    /// <summary>de-prod at baseline: the floors carry the busy hour (22.5 req/s on order-api against 28), so no cron window.</summary>
    [Fact]
    public void WithoutAWindowTheScaledObjectScalesOnTheLoadPerPodAboveTheFloor()
    {
        var baseline = Plans.Of("de-prod", Season.Baseline);
        var triggers = ((PlanList)baseline.Input("workloads-sales-order-api-scaler", "spec.triggers")!).Items.Cast<PlanMap>().ToList();
        Assert.Equal(["prometheus"], triggers.Select(t => ((PlanString)t["type"]!).Value));
        // 8 concurrent × 0.70 (baseline's app target) / 0.2 s = 28 requests/s per pod.
        Assert.Equal("28", ((PlanString)((PlanMap)triggers[0]["metadata"]!)["threshold"]!).Value);
        Assert.Equal(2, baseline.Int("workloads-sales-order-api-scaler", "spec.minReplicaCount"));
    }

    /// <summary>Workers scale on finished jobs per worker, the contract's counter of their own deployment.</summary>
    [Fact]
    public void WorkersScaleOnJobsPerWorker()
    {
        var triggers = ((PlanList)De.Input("workloads-sales-lead-protection-worker-scaler", "spec.triggers")!).Items.Cast<PlanMap>().ToList();
        var load = (PlanMap)triggers.Single(t => t["type"] is PlanString { Value: "prometheus" })["metadata"]!;
        Assert.Equal("sum(rate(freshfoodz_jobs_total{namespace=\"sales\",deployment=\"lead-protection-worker\"}[2m]))", ((PlanString)load["query"]!).Value);
        // 2 concurrent jobs × Weihnachten's worker target / 1.5 s per job.
        var target = Plans.Settings("de-prod").Capacity.Seasons[Season.Weihnachten].Targets.Workers;
        Assert.Equal((2 * target / 1.5).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture), ((PlanString)load["threshold"]!).Value);
        Assert.DoesNotContain(De.Resources.Where(r => r.Type == "kubernetes:keda.sh/v1alpha1:ScaledObject")
            .SelectMany(r => ((PlanList)r.Inputs.At("spec.triggers")!).Items.Cast<PlanMap>()), t => t["type"] is PlanString { Value: "cpu" or "memory" });
    }

    [Fact]
    public void EventCateringPreemptsStandardAndBatch()
    {
        var value = (string name) => De.Int($"workloads-priority-{name}", "value")!.Value;
        Assert.True(value("event-catering") > value("standard"));
        Assert.True(value("standard") > value("batch"));
        Assert.Equal("Never", De.Text("workloads-priority-batch", "preemptionPolicy"));
    }

    [Theory]
    [InlineData(Season.Baseline, "false", "false")]
    [InlineData(Season.Oktoberfest, "true", "false")]
    [InlineData(Season.Weihnachten, "false", "true")]
    public void SeasonConfigMapCarriesTheSeasonsDegradationFlags(Season season, string eventCatering, string maximumCapacity)
    {
        var plan = Plans.Of("de-prod", season);
        Assert.Equal(season.ConfigName(), plan.Text("workloads-sales-season", "data.season"));
        Assert.Equal(eventCatering, ((PlanString)((PlanMap)plan.Input("workloads-sales-season", "data")!)["degradation.eventCateringPriority"]!).Value);
        Assert.Equal(maximumCapacity, ((PlanString)((PlanMap)plan.Input("workloads-sales-season", "data")!)["degradation.maximumCapacityMode"]!).Value);
    }

    [Fact]
    public void QuotaCoversEveryDeploymentAtMaxReplicasPlusASurgePod()
    {
        var capacity = CapacityEngine.Size(Plans.Settings("de-prod").Capacity, Season.Weihnachten);
        var help = capacity.Deployments.Single(d => d.Name == "help-worker");
        // help holds one worker deployment: (max + 1) pods × 500m.
        var hard = (PlanMap)De.Input("workloads-help-quota", "spec.hard")!;
        Assert.Equal(new PlanString($"{(help.MaxReplicas + 1) * 500}m"), hard["requests.cpu"]);
        Assert.Equal(new PlanString($"{help.MaxReplicas + 1}"), hard["pods"]);
    }

    [Theory]
    [InlineData("de-prod", 600.0)]
    [InlineData("ch-prod", 1000.0)]
    public void AiBudgetAlertsAt80And100Percent(string stack, double amount)
    {
        var plan = Plans.Of(stack, Season.Baseline);
        Assert.Equal(new PlanDouble(amount), plan.Input("cost-guard-budget", "amount"));
        Assert.Equal(80, plan.Int("cost-guard-budget", "notifications.actual80.threshold"));
        Assert.Equal(100, plan.Int("cost-guard-budget", "notifications.actual100.threshold"));
        Assert.Equal("Actual", plan.Text("cost-guard-budget", "notifications.actual80.thresholdType"));
    }

    /// <summary>
    /// The budget counts cost tagged feature: ai-help; the subscription's policy denies an AI service (Cognitive
    /// Services account) without exactly that tag, so the filter matches every Azure AI service there is.
    /// </summary>
    [Theory]
    [InlineData("de-prod")]
    [InlineData("ch-prod")]
    public void AiServicesMustCarryTheTagTheBudgetCounts(string stack)
    {
        var plan = Plans.Of(stack, Season.Baseline);
        var filter = (PlanMap)plan.Input("cost-guard-budget", "filter.tags")!;
        var rule = ((PlanList)plan.Input("cost-guard-ai-tag-definition", "policyRule.if.allOf")!).Items.Cast<PlanMap>().ToList();
        Assert.Equal(new PlanString("Microsoft.CognitiveServices/accounts"), rule.Single(c => c["field"] == new PlanString("type"))["equals"]);
        var tagCondition = rule.Single(c => c["notEquals"] is not null);
        Assert.Equal($"tags['{((PlanString)filter["name"]!).Value}']", ((PlanString)tagCondition["field"]!).Value);
        Assert.Equal(PlanValue.List(tagCondition["notEquals"]!), filter["values"]);
        Assert.Equal("deny", plan.Text("cost-guard-ai-tag-definition", "policyRule.then.effect"));
        // Assigned on the subscription the budget watches, to that definition.
        Assert.Equal(plan.Input("cost-guard-budget", "scope"), plan.Input("cost-guard-ai-tag-assignment", "scope"));
        Assert.Equal(new PlanRef("cost-guard-ai-tag-definition", "id"), plan.Input("cost-guard-ai-tag-assignment", "policyDefinitionId"));
    }

    [Fact]
    public void KubernetesProviderGetsTheClustersKubeconfigAsASecret()
    {
        var k8s = De.Providers.Single(p => p.Package == "kubernetes");
        var secret = Assert.IsType<PlanSecret>(k8s.Inputs["kubeconfig"]);
        var invoke = Assert.IsType<PlanInvoke>(secret.Value);
        Assert.Equal("azure-native:containerservice:listManagedClusterUserCredentials", invoke.Token);
        Assert.True(invoke.Base64Decode);
        Assert.Equal(new PlanRef("platform-cluster", "name"), invoke.Args["resourceName"]);
    }

    [Fact]
    public void EveryResourceUsesAnExplicitProviderAndParent()
    {
        Assert.All(De.Resources, r =>
        {
            Assert.NotNull(r.Options.Provider);
            Assert.Contains(De.Providers, p => p.Name == r.Options.Provider && p.Package == r.Package);
            Assert.StartsWith(r.Options.Parent + "-", r.Name, StringComparison.Ordinal);
        });
    }

    /// <summary>The Pulumi program can resolve only the outputs it declares (ReferenceOutputs).</summary>
    [Fact]
    public void EveryReferenceNamesAnOutputTheProgramDeclares()
    {
        foreach (var stack in ProjectFiles.Stacks)
        {
            var plan = Plans.Of(stack, Season.Weihnachten);
            var values = plan.Resources.Select(r => (PlanValue)r.Inputs).Concat(plan.Providers.Select(p => (PlanValue)p.Inputs)).Append(plan.Outputs);
            Assert.All(values.SelectMany(v => v.Descendants()).OfType<PlanRef>(), r => Assert.Contains(r.Output, ReferenceOutputs.Known));
        }
    }

    [Fact]
    public void TwoInstancesOfAComponentNeverCollide()
    {
        var builder = new PlanBuilder("test", "de", "baseline");
        builder.AddProvider(new PlannedProvider("azure-native", "azure", PlanMap.Empty));
        var context = new Components.TerritoryContext(
            Components.Residency.Territory.Germany, Components.Residency.AzureRegion.GermanyWestCentral,
            new Components.Naming.AzureNames("test", "test"), new Components.Tagging.StackTags("test", "de", "cc"));
        Components.Foundation.Foundation.Add(builder, "primary-site", new() { Context = context });
        Components.Foundation.Foundation.Add(builder, "second-site", new() { Context = context });
        var names = builder.Build().Resources.Select(r => r.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Contains("second-site-rg-primary", names);
        Assert.Throws<InvalidOperationException>(() => Components.Foundation.Foundation.Add(builder, "primary-site", new() { Context = context }));
    }

    [Fact]
    public void RehearsalNamesNeverCollideWithProduction()
    {
        var prod = Plans.Of("de-prod", Season.Weihnachten);
        var rehearsal = Plans.Of("peak-weihnachten", Season.Weihnachten);
        string[] names = ["resourceGroupName", "serverName", "accountName", "resourceName", "budgetName"];
        var physical = (StackPlan p) => p.Resources.SelectMany(r => names.Select(n => r.Inputs[n]).OfType<PlanString>().Select(s => s.Value)).ToHashSet();
        Assert.Empty(physical(prod).Intersect(physical(rehearsal)));
    }
}
