namespace FreshFoodz.Capacity.Sizing;

public enum WorkloadRole
{
    Api,
    Worker,
}

/// <summary>An app team's deployment and the share of its role's load it serves.</summary>
public sealed record DeploymentShare(string Module, string Name, WorkloadRole Role, double Share);

/// <summary>Replicas of one deployment: HPA minReplicas (pre-provisioned) and maxReplicas.</summary>
public sealed record DeploymentSizing(string Module, string Name, WorkloadRole Role, double Share, int MinReplicas, int MaxReplicas);

/// <summary>
/// Splits the sized api pods and workers over the deployments that serve them: each gets ⌈total × share⌉ replicas,
/// never fewer than the HA minimum (one per zone), and maxReplicas = ⌈min × burst headroom⌉. Rounding up and the
/// per-deployment minimum only add replicas; node, quota and connection sizing use these totals.
/// </summary>
public static class DeploymentSplit
{
    /// <summary>Without configured deployments, one api and one worker deployment carry everything.</summary>
    public static readonly IReadOnlyList<DeploymentShare> Default =
    [
        new("app", "api", WorkloadRole.Api, 1.0),
        new("app", "worker", WorkloadRole.Worker, 1.0),
    ];

    public static IReadOnlyList<DeploymentSizing> Split(
        IReadOnlyList<DeploymentShare> shares, int apiPods, int workers, int minimum, double burstHeadroom) =>
        [.. (shares.Count == 0 ? Default : shares).Select(s =>
        {
            var total = s.Role == WorkloadRole.Api ? apiPods : workers;
            var min = Math.Max(minimum, Rounding.CeilingCount(total * s.Share));
            return new DeploymentSizing(s.Module, s.Name, s.Role, s.Share, min, Math.Max(min, Rounding.CeilingCount(min * burstHeadroom)));
        })];
}
