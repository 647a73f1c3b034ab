using System.Text.Json.Nodes;

namespace FreshFoodz.SchemaConformance.Tests;

/// <summary>The checker on hand-written inputs; names and values come from shared/reference/provider-facts.md.</summary>
public sealed class SchemaCheckerTests
{
    private const string ResourceGroup = "azure-native:resources:ResourceGroup";
    private const string PostgresServer = "azure-native:dbforpostgresql:Server";
    private const string Hpa = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
    private const string PrometheusRule = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";

    private static readonly SchemaChecker Checker = SchemaChecker.FromEmbeddedSchemas();

    private const string ValidServer = """
        {
          "resourceGroupName": {"$ref": {"resource": "rg", "output": "name"}},
          "serverName": "freshfoodz-pg",
          "location": "westeurope",
          "version": "16",
          "administratorLogin": "ffadmin",
          "administratorLoginPassword": {"$secret": {"$ref": {"resource": "pg-password", "output": "result"}}},
          "availabilityZone": "1",
          "createMode": "Create",
          "sku": {"name": "Standard_D4ds_v5", "tier": "GeneralPurpose"},
          "storage": {"storageSizeGB": 128, "autoGrow": "Enabled"},
          "backup": {"backupRetentionDays": 7, "geoRedundantBackup": "Disabled"},
          "highAvailability": {"mode": "ZoneRedundant", "standbyAvailabilityZone": "2"},
          "tags": {"env": "prod", "app": "freshfoodz"}
        }
        """;

    private const string ValidHpa = """
        {
          "apiVersion": "autoscaling/v2",
          "kind": "HorizontalPodAutoscaler",
          "metadata": {"name": "api", "namespace": "shop", "labels": {"app.kubernetes.io/name": "api"}},
          "spec": {
            "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "api"},
            "minReplicas": 2,
            "maxReplicas": 10,
            "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 70}}}]
          }
        }
        """;

    [Fact]
    public void CorrectResourceGroupPasses() =>
        Assert.Empty(Checker.CheckResource(ResourceGroup, Json("""{"resourceGroupName": "rg-freshfoodz", "location": "westeurope", "tags": {"env": "prod"}}""")));

    [Fact]
    public void CorrectPostgresServerPasses() => Assert.Empty(Checker.CheckResource(PostgresServer, Json(ValidServer)));

    [Fact]
    public void MisspeltTopLevelPropertyIsNamedWithSuggestion()
    {
        var inputs = Json("""{"resourceGroupName": "rg", "locaton": "westeurope"}""");

        var violation = Assert.Single(Checker.CheckResource(ResourceGroup, inputs));

        Assert.Equal(ResourceGroup, violation.Token);
        Assert.Equal("locaton", violation.Path);
        Assert.Equal(ViolationKind.UnknownProperty, violation.Kind);
        Assert.Contains("did you mean location?", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MisspeltNestedPropertyFailsWithItsPath()
    {
        var inputs = Json(ValidServer);
        inputs["storage"] = Json("""{"storageSizeGb": 128}""");

        var violation = Assert.Single(Checker.CheckResource(PostgresServer, inputs));

        Assert.Equal("storage.storageSizeGb", violation.Path);
        Assert.Equal(ViolationKind.UnknownProperty, violation.Kind);
        Assert.Contains("did you mean storageSizeGB?", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MisspeltKubernetesNestedPropertyFailsWithItsPath()
    {
        var inputs = Json(ValidHpa);
        var target = inputs["spec"]!["scaleTargetRef"]!.AsObject();
        target.Remove("kind");
        target["knd"] = "Deployment";

        var violations = Checker.CheckResource(Hpa, inputs);

        Assert.Equal(2, violations.Count);
        Assert.Contains(violations, v => v is { Path: "spec.scaleTargetRef.knd", Kind: ViolationKind.UnknownProperty });
        Assert.Contains(violations, v => v is { Path: "spec.scaleTargetRef.kind", Kind: ViolationKind.MissingRequired });
    }

    [Fact]
    public void PathsNameArrayIndexesAndMapKeys()
    {
        var inputs = Json("""
            {
              "resourceGroupName": "rg",
              "agentPoolProfiles": [{"name": "system", "mode": "System"}, {"nmae": "user"}],
              "tags": {"cost-center": 42}
            }
            """);

        var violations = Checker.CheckResource("azure-native:containerservice:ManagedCluster", inputs);

        Assert.Equal(
            [
                ("agentPoolProfiles[1].nmae", ViolationKind.UnknownProperty),
                ("agentPoolProfiles[1].name", ViolationKind.MissingRequired),
                ("tags[\"cost-center\"]", ViolationKind.WrongKind),
            ],
            violations.Select(v => (v.Path, v.Kind)));
    }

    [Fact]
    public void MissingRequiredInputFails()
    {
        var inputs = Json(ValidServer);
        inputs.Remove("resourceGroupName");

        var violation = Assert.Single(Checker.CheckResource(PostgresServer, inputs));

        Assert.Equal(("resourceGroupName", ViolationKind.MissingRequired), (violation.Path, violation.Kind));
    }

    [Fact]
    public void NullCountsAsMissing()
    {
        var inputs = Json(ValidServer);
        inputs["resourceGroupName"] = null;

        Assert.Equal(ViolationKind.MissingRequired, Assert.Single(Checker.CheckResource(PostgresServer, inputs)).Kind);
    }

    [Fact]
    public void MissingRequiredNestedInputFails()
    {
        var inputs = Json(ValidServer);
        inputs["sku"] = Json("""{"name": "Standard_D4ds_v5"}""");

        var violation = Assert.Single(Checker.CheckResource(PostgresServer, inputs));

        Assert.Equal(("sku.tier", ViolationKind.MissingRequired), (violation.Path, violation.Kind));
    }

    [Fact]
    public void DisallowedEnumValueFailsListingTheAllowedOnes()
    {
        var inputs = Json(ValidServer);
        inputs["storage"]!["autoGrow"] = "On";

        var violation = Assert.Single(Checker.CheckResource(PostgresServer, inputs));

        Assert.Equal(("storage.autoGrow", ViolationKind.EnumValueNotAllowed), (violation.Path, violation.Kind));
        Assert.Contains("\"Enabled\"", violation.Message, StringComparison.Ordinal);
        Assert.Contains("\"Disabled\"", violation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10")] // below the supported major versions 11..18
    [InlineData("v16")]
    public void UnsupportedPostgresVersionFails(string version)
    {
        var inputs = Json(ValidServer);
        inputs["version"] = version;

        Assert.Equal(ViolationKind.EnumValueNotAllowed, Assert.Single(Checker.CheckResource(PostgresServer, inputs)).Kind);
    }

    [Fact]
    public void OpenEnumsAcceptOtherStringsWhenNotStrictButClosedEnumsDoNot()
    {
        var lenient = new SchemaChecker(ProviderSchema.LoadAllEmbedded(), new SchemaCheckOptions { StrictOpenEnums = false });
        var server = Json(ValidServer);
        server["storage"]!["autoGrow"] = "On";
        // ManagedCluster identity.type is typed enums.ResourceIdentityType alone, without `| string`.
        var cluster = Json("""{"resourceGroupName": "rg", "identity": {"type": "Managed"}}""");

        Assert.Empty(lenient.CheckResource(PostgresServer, server));
        var violation = Assert.Single(lenient.CheckResource("azure-native:containerservice:ManagedCluster", cluster));
        Assert.Equal(("identity.type", ViolationKind.EnumValueNotAllowed), (violation.Path, violation.Kind));
    }

    [Theory]
    [InlineData("""{"storageSizeGB": "128"}""", "storage.storageSizeGB")]
    [InlineData("""{"autoGrow": true}""", "storage.autoGrow")]
    [InlineData("""[{"storageSizeGB": 128}]""", "storage")]
    public void WrongJsonKindFails(string storage, string path)
    {
        var inputs = Json(ValidServer);
        inputs["storage"] = JsonNode.Parse(storage);

        var violation = Assert.Single(Checker.CheckResource(PostgresServer, inputs));

        Assert.Equal((path, ViolationKind.WrongKind), (violation.Path, violation.Kind));
    }

    [Fact]
    public void OnlyASingleDollarKeyObjectIsAnUnknownValue()
    {
        var inputs = Json(ValidServer);
        inputs["sku"] = Json("""{"$ref": {"resource": "skuPicker", "output": "sku"}}""");
        inputs["location"] = Json("""{"$ref": {"resource": "rg", "output": "location"}, "fallback": "westeurope"}""");

        var violation = Assert.Single(Checker.CheckResource(PostgresServer, inputs));

        Assert.Equal(("location", ViolationKind.WrongKind), (violation.Path, violation.Kind));
        Assert.True(SchemaChecker.IsUnknownValue(inputs["sku"]));
        Assert.False(SchemaChecker.IsUnknownValue(inputs["location"]));
    }

    [Fact]
    public void UnknownTokenFailsWithSuggestion()
    {
        var violation = Assert.Single(Checker.CheckResource("azure-native:dbforpostgresql:server", Json("{}")));

        Assert.Equal(ViolationKind.UnknownToken, violation.Kind);
        Assert.Contains($"did you mean {PostgresServer}?", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRemovedInsightsModuleIsAnUnknownToken() =>
        Assert.Equal(ViolationKind.UnknownToken, Assert.Single(Checker.CheckResource("azure-native:insights:ActionGroup", Json("{}"))).Kind);

    [Fact]
    public void CorrectHorizontalPodAutoscalerPasses() => Assert.Empty(Checker.CheckResource(Hpa, Json(ValidHpa)));

    [Fact]
    public void KubernetesObjectWithoutApiVersionAndKindFails()
    {
        var inputs = Json(ValidHpa);
        inputs.Remove("apiVersion");
        inputs.Remove("kind");

        var violations = Checker.CheckResource(Hpa, inputs);

        Assert.Equal(
            [("apiVersion", ViolationKind.KubernetesIdentity), ("kind", ViolationKind.KubernetesIdentity)],
            violations.Select(v => (v.Path, v.Kind)));
    }

    [Theory]
    [InlineData("kubernetes:core/v1:Namespace", "v1", "Namespace")]
    [InlineData("kubernetes:scheduling.k8s.io/v1:PriorityClass", "scheduling.k8s.io/v1", "PriorityClass")]
    public void KubernetesApiVersionComesFromTheToken(string token, string apiVersion, string kind)
    {
        var inputs = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = new JsonObject { ["name"] = "x" } };
        if (kind == "PriorityClass")
        {
            inputs["value"] = 1000;
        }

        Assert.Empty(Checker.CheckResource(token, inputs));
        inputs["apiVersion"] = $"core/{apiVersion}";
        Assert.Equal(("apiVersion", ViolationKind.KubernetesIdentity), Assert.Single(Checker.CheckResource(token, inputs)) is var v ? (v.Path, v.Kind) : default);
    }

    [Fact]
    public void KubernetesKindMustMatchTheToken()
    {
        var inputs = Json(ValidHpa);
        inputs["kind"] = "Deployment";

        var violation = Assert.Single(Checker.CheckResource(Hpa, inputs));

        Assert.Equal(("kind", ViolationKind.KubernetesIdentity), (violation.Path, violation.Kind));
    }

    [Fact]
    public void HelmReleaseNeedsNoApiVersionButItsChart()
    {
        var release = Json("""
            {"name": "monitoring", "namespace": "monitoring", "version": "77.0.0",
             "repositoryOpts": {"repo": "https://prometheus-community.github.io/helm-charts"},
             "values": {"grafana": {"enabled": false}}}
            """);

        var violation = Assert.Single(Checker.CheckResource("kubernetes:helm.sh/v3:Release", release));

        Assert.Equal(("chart", ViolationKind.MissingRequired), (violation.Path, violation.Kind));
    }

    [Fact]
    public void CustomResourceOutsideTheAllowListFails()
    {
        var rule = Json("""{"apiVersion": "monitoring.coreos.com/v1", "kind": "PrometheusRule", "spec": {"groups": []}}""");

        var violation = Assert.Single(Checker.CheckResource(PrometheusRule, rule));

        Assert.Equal(ViolationKind.CustomResourceNotAllowed, violation.Kind);
        Assert.Equal(PrometheusRule, violation.Token);
    }

    [Fact]
    public void AllowListedCustomResourceNeedsMatchingApiVersionAndKind()
    {
        var checker = new SchemaChecker(ProviderSchema.LoadAllEmbedded(), new SchemaCheckOptions
        {
            CustomResourceAllowList = new HashSet<string> { PrometheusRule, "kubernetes:chaos-mesh.org/v1alpha1:PodChaos" },
        });
        var rule = Json("""{"apiVersion": "monitoring.coreos.com/v1", "kind": "PrometheusRule", "spec": {"groups": []}}""");
        var chaos = Json("""{"apiVersion": "chaos-mesh.org/v1", "spec": {}}""");

        Assert.Empty(checker.CheckResource(PrometheusRule, rule));
        Assert.Equal(
            [("apiVersion", ViolationKind.KubernetesIdentity), ("kind", ViolationKind.KubernetesIdentity)],
            checker.CheckResource("kubernetes:chaos-mesh.org/v1alpha1:PodChaos", chaos).Select(v => (v.Path, v.Kind)));
    }

    [Fact]
    public void MisspeltBuiltInKindIsNotTakenForACustomResource()
    {
        var violation = Assert.Single(Checker.CheckResource("kubernetes:apps/v1:Deploymnet", Json("""{"apiVersion": "apps/v1", "kind": "Deploymnet"}""")));

        Assert.Equal(ViolationKind.CustomResourceNotAllowed, violation.Kind);
        Assert.Contains("did you mean kubernetes:apps/v1:Deployment?", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProviderInputsTheSdkStringifiesMustBeJsonText()
    {
        const string token = "pulumi:providers:kubernetes";
        var good = Json("""{"kubeconfig": {"$secret": {"$ref": {"resource": "creds", "output": "kubeconfig"}}}, "enableServerSideApply": "true"}""");
        var raw = Json("""{"enableServerSideApply": true}""");
        var notJson = Json("""{"enableServerSideApply": "yes"}""");
        var wrongJson = Json("""{"enableServerSideApply": "1"}""");

        Assert.Empty(Checker.CheckResource(token, good));
        Assert.Equal(ViolationKind.WrongKind, Assert.Single(Checker.CheckResource(token, raw)).Kind);
        Assert.Equal(ViolationKind.WrongKind, Assert.Single(Checker.CheckResource(token, notJson)).Kind);
        Assert.Equal(ViolationKind.WrongKind, Assert.Single(Checker.CheckResource(token, wrongJson)).Kind);
    }

    [Fact]
    public void AzureNativeProviderInputsAreChecked()
    {
        var violation = Assert.Single(Checker.CheckResource("pulumi:providers:azure-native",
            Json("""{"location": "westeurope", "subscriptionID": "00000000-0000-0000-0000-000000000000", "useOidc": "true"}""")));

        Assert.Equal(("subscriptionID", ViolationKind.UnknownProperty), (violation.Path, violation.Kind));
        Assert.Contains("did you mean subscriptionId?", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvokeArgumentsAreChecked()
    {
        const string token = "azure-native:containerservice:listManagedClusterUserCredentials";

        Assert.Empty(Checker.CheckInvoke(token, Json("""{"resourceGroupName": "rg", "resourceName": "aks"}""")));
        Assert.Equal(("resourceName", ViolationKind.MissingRequired),
            Assert.Single(Checker.CheckInvoke(token, Json("""{"resourceGroupName": "rg"}"""))) is var v ? (v.Path, v.Kind) : default);
        // An invoke token is not a resource.
        Assert.Equal(ViolationKind.UnknownToken, Assert.Single(Checker.CheckResource(token, Json("{}"))).Kind);
    }

    [Fact]
    public void BudgetNotificationsAreAMapOfCheckedObjects()
    {
        var budget = Json("""
            {
              "scope": "/subscriptions/00000000-0000-0000-0000-000000000000",
              "amount": 500, "category": "Cost", "timeGrain": "Monthly",
              "timePeriod": {"startDate": "2026-01-01T00:00:00Z"},
              "notifications": {
                "actual80": {"enabled": true, "operator": "GreaterThan", "threshold": 80, "contactEmails": ["ops@freshfoodz.example"], "thresholdType": "Actual"},
                "forecast100": {"enabled": true, "operator": "GreaterThanOrEqual", "threshold": 100, "contactEmails": []}
              }
            }
            """);

        var violation = Assert.Single(Checker.CheckResource("azure-native:consumption:Budget", budget));

        Assert.Equal(("notifications[\"forecast100\"].operator", ViolationKind.EnumValueNotAllowed), (violation.Path, violation.Kind));
    }

    [Fact]
    public void ViolationTextNamesTokenPathAndProblem()
    {
        var violation = new SchemaViolation(PostgresServer, "storage.storageSizeGb", ViolationKind.UnknownProperty, "unknown property");

        Assert.Equal($"{PostgresServer}: storage.storageSizeGb: unknown property", violation.ToString());
    }

    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();
}
