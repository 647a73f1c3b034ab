using System.Globalization;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Plan;

namespace FreshFoodz.SchemaConformance;

/// <summary>
/// The ScaledObjects against KEDA's own CRD and scalers, which no provider schema holds (the conformance tests allow
/// the kind by identity only). The field names, types and required fields below are read from kedacore/keda v2.19.0
/// (the AKS add-on's KEDA with Kubernetes 1.36): config/crd/bases/keda.sh_scaledobjects.yaml (the ScaledObject's
/// openAPIV3Schema: spec, scaleTargetRef, triggers, advanced.horizontalPodAutoscalerConfig), pkg/scalers/cron_scaler.go
/// (cronMetadata: start, end, timezone, desiredReplicas, none optional) and pkg/scalers/prometheus_scaler.go
/// (prometheusMetadata: serverAddress, query and threshold required; the rest optional).
/// </summary>
public class KedaScaledObjectTests
{
    private static readonly HashSet<string> Spec = ["advanced", "cooldownPeriod", "fallback", "idleReplicaCount", "initialCooldownPeriod",
        "maxReplicaCount", "minReplicaCount", "pollingInterval", "scaleTargetRef", "triggers"];

    private static readonly string[] SpecRequired = ["scaleTargetRef", "triggers"];

    private static readonly HashSet<string> Integers = ["cooldownPeriod", "idleReplicaCount", "initialCooldownPeriod", "maxReplicaCount", "minReplicaCount", "pollingInterval"];

    private static readonly HashSet<string> ScaleTargetRef = ["apiVersion", "envSourceContainerName", "kind", "name"];

    private static readonly HashSet<string> Advanced = ["horizontalPodAutoscalerConfig", "restoreToOriginalReplicaCount", "scalingModifiers"];

    private static readonly HashSet<string> HpaConfig = ["behavior", "name"];

    private static readonly HashSet<string> Trigger = ["authenticationRef", "metadata", "metricType", "name", "type", "useCachedMetrics"];

    private static readonly string[] MetricTypes = ["AverageValue", "Utilization", "Value"];

    /// <summary>Each scaler type the plan uses: its metadata keys, required and optional.</summary>
    private static readonly Dictionary<string, (string[] Required, string[] Optional)> Scalers = new(StringComparer.Ordinal)
    {
        ["cron"] = (["start", "end", "timezone", "desiredReplicas"], []),
        ["prometheus"] = (["serverAddress", "query", "threshold"],
            ["queryParameters", "activationThreshold", "namespace", "customHeaders", "ignoreNullValues", "unsafeSsl", "awsRegion", "timeout", "identityOwner", "authModes"]),
    };

    public static TheoryData<string, string> StackSeasons() => PlanConformanceTests.StackSeasons();

    private static List<string> Check(PlannedResource scaledObject)
    {
        var problems = new List<string>();
        void Keys(PlanMap map, HashSet<string> allowed, string at) =>
            problems.AddRange(map.Entries.Keys.Where(k => !allowed.Contains(k)).Select(k => $"{at}.{k} is not in the CRD"));
        var spec = scaledObject.Inputs["spec"] as PlanMap ?? PlanMap.Empty;
        Keys(spec, Spec, "spec");
        problems.AddRange(SpecRequired.Where(r => spec[r] is null).Select(r => $"spec.{r} is required"));
        problems.AddRange(Integers.Where(i => spec[i] is not null and not PlanInt).Select(i => $"spec.{i} must be an integer"));
        if (spec["scaleTargetRef"] is PlanMap target)
        {
            Keys(target, ScaleTargetRef, "spec.scaleTargetRef");
            if (target["name"] is not PlanString)
            {
                problems.Add("spec.scaleTargetRef.name is required");
            }
        }
        if (spec["advanced"] is PlanMap advanced)
        {
            Keys(advanced, Advanced, "spec.advanced");
            if (advanced["horizontalPodAutoscalerConfig"] is PlanMap hpa)
            {
                Keys(hpa, HpaConfig, "spec.advanced.horizontalPodAutoscalerConfig");
            }
        }
        foreach (var (trigger, i) in ((spec["triggers"] as PlanList)?.Items ?? []).Select((t, i) => (t as PlanMap ?? PlanMap.Empty, i)))
        {
            var at = $"spec.triggers[{i}]";
            Keys(trigger, Trigger, at);
            if (trigger["metricType"] is PlanString { Value: var metricType } && !MetricTypes.Contains(metricType))
            {
                problems.Add($"{at}.metricType is {metricType}, not one of {string.Join(", ", MetricTypes)}");
            }
            if (trigger["type"] is not PlanString { Value: var type } || trigger["metadata"] is not PlanMap metadata)
            {
                problems.Add($"{at}: type and metadata are required");
                continue;
            }
            // metadata: additionalProperties type string.
            problems.AddRange(metadata.Entries.Where(e => e.Value is not PlanString).Select(e => $"{at}.metadata.{e.Key} must be text"));
            if (!Scalers.TryGetValue(type, out var scaler))
            {
                problems.Add($"{at}.type {type} is a scaler these tests do not know");
                continue;
            }
            problems.AddRange(scaler.Required.Where(k => metadata[k] is null).Select(k => $"{at}.metadata.{k} is required by the {type} scaler"));
            problems.AddRange(metadata.Entries.Keys.Where(k => !scaler.Required.Contains(k) && !scaler.Optional.Contains(k)).Select(k => $"{at}.metadata.{k} is not read by the {type} scaler"));
            if (type == "prometheus" && !(metadata["threshold"] is PlanString { Value: var t } && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0))
            {
                problems.Add($"{at}.metadata.threshold must be a positive number");
            }
        }
        return problems;
    }

    [Theory]
    [MemberData(nameof(StackSeasons))]
    public void EveryScaledObjectConformsToKedasCrdAndScalers(string stack, string season)
    {
        var plan = FreshFoodz.Stacks.StackPlanner.Plan(Repository.Settings(stack), SeasonNames.All.Single(s => s.ConfigName() == season));
        var scaledObjects = plan.OfType("kubernetes:keda.sh/v1alpha1:ScaledObject").ToList();
        Assert.NotEmpty(scaledObjects);
        var problems = scaledObjects.SelectMany(o => Check(o).Select(p => $"{o.Name}: {p}")).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The check finds what the CRD and scalers refuse (it is not vacuous).</summary>
    [Fact]
    public void AScaledObjectTheCrdRefusesIsFound()
    {
        var plan = FreshFoodz.Stacks.StackPlanner.Plan(Repository.Settings("de-prod"), Season.Weihnachten);
        var good = plan.Resource("workloads-sales-order-api-scaler");
        var spec = (PlanMap)good.Inputs["spec"]!;
        var triggers = ((PlanList)spec["triggers"]!).Items;
        var prometheus = (PlanMap)triggers[^1];
        var bad = good with
        {
            Inputs = good.Inputs.With("spec", spec
                .With("minReplicas", 2)
                .With("pollingInterval", "30")
                .With("triggers", PlanValue.List(
                    prometheus.With("metadata", ((PlanMap)prometheus["metadata"]!).With("threshold", 20).With("serverAdress", "x")),
                    prometheus.With("metricType", "Average")))),
        };
        Assert.Empty(Check(good));
        Assert.Equal(
        [
            "spec.minReplicas is not in the CRD",
            "spec.pollingInterval must be an integer",
            "spec.triggers[0].metadata.threshold must be text",
            "spec.triggers[0].metadata.serverAdress is not read by the prometheus scaler",
            "spec.triggers[0].metadata.threshold must be a positive number",
            "spec.triggers[1].metricType is Average, not one of AverageValue, Utilization, Value",
        ], Check(bad));
    }
}
