using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Chaos;
using FreshFoodz.Components.Plan;

namespace FreshFoodz.Stacks.DeploymentRules;

/// <summary>AKS versions: creatable on the plan date by the release calendar, and changed only outside the peaks; KEDA triggers
/// the admission webhook accepts before the app Deployments exist; Chaos Mesh experiments created paused and left to people.</summary>
internal static class KubernetesRules
{
    private const string Version = "kubernetesVersion";

    public static readonly DeploymentRule VersionSupported = new(
        "AksVersionSupported",
        $"A cluster's Kubernetes minor version is generally available and not past its end of life on the plan date (long-term support end with the Premium tier and supportPlan AKSLongTermSupport); a warning starts {AksVersionCalendar.WarnDaysBeforeEnd} days before the end.",
        AksVersionCalendar.Source)
    {
        NeedsDate = true,
        OnPlan = (plan, context) => context.Date is not { } date
            ? []
            : plan.OfType(PlanFacts.ManagedCluster).SelectMany(c => Check(c, date)),
    };

    public static readonly DeploymentRule UpgradeOutsidePeak = new(
        "AksUpgradeOutsidePeakWindow",
        "A cluster's Kubernetes version changes only outside the peak windows (from T-14 before a peak's first day to its last day): a change freeze.",
        "AKS upgrades drain and re-image every node one surge node at a time (Microsoft docs \"Upgrade an AKS cluster\"); the freeze is our "
        + "rule, from the seasonal operations plan's T-14 milestone (docs/seasonal-operations.md)")
    {
        NeedsDate = true,
        OnSwitch = (from, to, context) =>
        {
            if (context.Date is not { } date)
            {
                return [];
            }
            var window = context.Settings.Capacity.Seasons.WindowsAround(date.Year, context.Settings.Capacity.LeadTimeDays)
                .FirstOrDefault(w => w.Contains(date));
            return window is null
                ? []
                : from.OfType(PlanFacts.ManagedCluster)
                    .Select(c => (Cluster: c, Before: c.Text(Version), After: to.Twin(c)?.Text(Version)))
                    .Where(x => x.After is not null && x.After != x.Before)
                    .Select(x => new Breach(x.Cluster.Name, Version, RuleLevel.Refuse,
                        $"changes from {x.Before} to {x.After} on {AksVersionCalendar.Format(date)}, inside the {window.Season.ConfigName()} change freeze "
                        + $"({AksVersionCalendar.Format(window.CapacityFrom)} to {AksVersionCalendar.Format(window.LastDay)}): upgrade after it"));
        },
    };

    private static readonly string[] TargetCheckedTriggers = ["cpu", "memory"];

    public static readonly DeploymentRule KedaTriggersNeedNoTarget = new(
        "KedaTriggersNeedNoTarget",
        "A ScaledObject the plan creates has no cpu or memory trigger: KEDA's admission webhook refuses one whose target Deployment does not exist yet (or sets no request for that resource), no plan creates the app teams' Deployments, and a dry run skips the check, so a preview passes and the first pulumi up fails.",
        "kedacore/keda v2.19.0 apis/keda/v1alpha1/scaledobject_webhook.go, verifyCPUMemoryScalers (returns early for a dry run; reads the "
        + "scaleTargetRef Deployment, fails if it is missing or \"the container … doesn't have the cpu request defined\"); KEDA docs \"Admission Webhooks\"; "
        + "werf/nelm#456 and kedacore/keda#5973 (the same refusal on first install); the AKS KEDA add-on runs KEDA 2.19 with Kubernetes 1.36")
    {
        OnPlan = (plan, context) => plan.OfType(PlanFacts.ScaledObject).SelectMany(o =>
            ((o.Inputs.At("spec.triggers") as PlanList)?.Items ?? []).OfType<PlanMap>()
                .Select((t, i) => (Index: i, Type: (t["type"] as PlanString)?.Value))
                .Where(t => t.Type is not null && TargetCheckedTriggers.Contains(t.Type))
                .Select(t => new Breach(o.Name, $"spec.triggers[{t.Index}].type", RuleLevel.Refuse,
                    $"is {t.Type}: KEDA's webhook refuses it while {o.Text("spec.scaleTargetRef.name")} does not exist; scale on the load per pod (prometheus trigger) instead"))),
    };

    public static readonly DeploymentRule ChaosExperimentCreatedPaused = new(
        "ChaosExperimentCreatedPaused",
        $"A Chaos Mesh experiment is created with the annotation {ChaosExperiments.PauseAnnotation}: \"true\", and the annotation is under ignoreChanges: Chaos Mesh starts an experiment as soon as it exists, people resume it during the peak test by removing the annotation, and every pulumi up refreshes first, so a run without ignoreChanges would pause a resumed experiment again.",
        "Chaos Mesh docs \"Run a Chaos Experiment\" (a one-time experiment injects its fault once created; paused and resumed by the annotation "
        + "experiment.chaos-mesh.org/pause); Pulumi docs \"Resource option: ignoreChanges\" and \"Property Paths\" (a key holding dots needs bracket "
        + "notation); pulumi/pulumi-kubernetes provider/pkg/provider/provider.go Diff (compares the refreshed live object with the new inputs, then drops "
        + "the paths in ignoreChanges); pulumi/pulumi pkg/resource/deploy/step_generator.go processIgnoreChanges (ignoreChanges never applies to a create)")
    {
        OnPlan = (plan, context) => plan.Resources.Where(r => r.Type.StartsWith(ChaosMeshTypes, StringComparison.Ordinal)).SelectMany(e =>
        {
            var breaches = new List<Breach>();
            var pause = ((e.Inputs.At("metadata.annotations") as PlanMap)?[ChaosExperiments.PauseAnnotation] as PlanString)?.Value;
            if (pause != "true")
            {
                breaches.Add(new Breach(e.Name, ChaosExperiments.PauseIgnoreChanges, RuleLevel.Refuse,
                    $"is {pause ?? "not set"}: Chaos Mesh would start the experiment as soon as it is created; create it paused (\"true\")"));
            }
            if (!e.Options.IgnoreChanges.Contains(ChaosExperiments.PauseIgnoreChanges))
            {
                breaches.Add(new Breach(e.Name, ChaosExperiments.PauseIgnoreChanges, RuleLevel.Refuse,
                    $"is not under ignoreChanges ({ChaosExperiments.PauseIgnoreChanges}): the next refreshing pulumi up would pause a resumed experiment again"));
            }
            return breaches;
        }),
    };

    private const string ChaosMeshTypes = "kubernetes:chaos-mesh.org/";

    private static IEnumerable<Breach> Check(PlannedResource cluster, DateOnly date)
    {
        var version = cluster.Text(Version) ?? "";
        var creatable = string.Join(", ", AksVersionCalendar.CreatableOn(date));
        if (AksVersionCalendar.For(version) is not { } entry)
        {
            yield return new Breach(cluster.Name, Version, RuleLevel.Refuse,
                $"{version} is not in the AKS release calendar (src/Stacks/DeploymentRules/AksVersionCalendar.cs); creatable on {AksVersionCalendar.Format(date)}: {creatable}");
            yield break;
        }
        var longTerm = cluster.Text("sku.tier") == "Premium" && cluster.Text("supportPlan") == "AKSLongTermSupport";
        var end = longTerm ? entry.LongTermSupportEnd : entry.EndOfLife;
        if (date < entry.GeneralAvailability)
        {
            yield return new Breach(cluster.Name, Version, RuleLevel.Refuse,
                $"{version} is not generally available before {AksVersionCalendar.Format(entry.GeneralAvailability)}; creatable on {AksVersionCalendar.Format(date)}: {creatable}");
        }
        else if (date > end)
        {
            yield return new Breach(cluster.Name, Version, RuleLevel.Refuse,
                $"{version} reached its end of {(longTerm ? "long-term support" : "life")} on {AksVersionCalendar.Format(end)} and can no longer be created; creatable on {AksVersionCalendar.Format(date)}: {creatable}");
        }
        else if (end.DayNumber - date.DayNumber <= AksVersionCalendar.WarnDaysBeforeEnd)
        {
            yield return new Breach(cluster.Name, Version, RuleLevel.Warn,
                $"{version} reaches its end of {(longTerm ? "long-term support" : "life")} on {AksVersionCalendar.Format(end)}: plan the upgrade outside the peak windows");
        }
    }
}
