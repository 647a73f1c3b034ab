namespace FreshFoodz.Capacity.Sizing;

/// <summary>What one node of a VM size offers to workload pods.</summary>
public sealed record NodeAllocatable(int CpuMillicores, int MemoryMiB, int PodSlots);

public sealed record NodeSizing(
    string VmSize,
    NodeAllocatable PerNode,
    int PackedNodes,
    int Count,
    int AutoscalerMin,
    int AutoscalerMax,
    SizingLimit DecidedBy);

/// <summary>A group of identical pods to place on nodes.</summary>
public sealed record PodGroup(string Name, int Count, PodResources Resources);

/// <summary>
/// Sizes the app node pool: pods are packed first-fit-decreasing onto nodes by their CPU and memory requests
/// against the node's allocatable resources; then one surge node is added (rolling updates and node upgrades
/// need room for one more), and the count is never below the zone count (one node per availability zone).
/// </summary>
public static class NodeSizer
{
    public const int SurgeNodes = 1;

    /// <summary>
    /// AKS allocatable for Linux nodes on Kubernetes 1.29+ (Microsoft docs, "Node resource reservations in AKS"):
    /// kube-reserved CPU by core count 1: 60m, 2: 100m, 4: 140m, 8: 180m, 16: 260m, 32: 420m, 64: 740m
    /// (a count between rows takes the next row up); reserved memory = min(20 MB × max pods + 50 MB, 25 % of
    /// memory) plus the 100 Mi eviction threshold (MB taken as MiB). Daemon-set overhead comes off on top.
    /// </summary>
    public static NodeAllocatable Allocatable(VmSize vm, int maxPodsPerNode, PodResources daemonSets)
    {
        var cpuReserved = vm.VCpus switch
        {
            <= 1 => 60,
            <= 2 => 100,
            <= 4 => 140,
            <= 8 => 180,
            <= 16 => 260,
            <= 32 => 420,
            <= 64 => 740,
            _ => throw new CapacityException(
                $"freshfoodz:vmSizes.{vm.Name}.vCpus: {vm.VCpus} is above 64, where the AKS reservation table ends"),
        };
        var memoryMiB = vm.MemoryGiB * 1024;
        var memoryReserved = Math.Min(20.0 * maxPodsPerNode + 50, 0.25 * memoryMiB) + 100;
        return new NodeAllocatable(
            vm.VCpus * 1000 - cpuReserved - daemonSets.CpuMillicores,
            (int)Math.Floor(memoryMiB - memoryReserved) - daemonSets.MemoryMiB,
            maxPodsPerNode);
    }

    /// <summary>The number of nodes first-fit-decreasing packing needs for the pods.</summary>
    public static int Pack(NodeAllocatable node, IEnumerable<PodGroup> groups, string vmSizeName)
    {
        var nodes = new List<(int Cpu, int Memory, int Slots)>();
        var pods = groups
            .SelectMany(g => Enumerable.Repeat(g, g.Count))
            .OrderByDescending(g => g.Resources.CpuMillicores).ThenByDescending(g => g.Resources.MemoryMiB);
        foreach (var pod in pods)
        {
            var r = pod.Resources;
            if (r.CpuMillicores > node.CpuMillicores || r.MemoryMiB > node.MemoryMiB)
            {
                throw new CapacityException(
                    $"a {pod.Name} pod ({r.CpuMillicores}m CPU, {r.MemoryMiB} MiB) does not fit one {vmSizeName} node " +
                    $"({node.CpuMillicores}m, {node.MemoryMiB} MiB allocatable); choose a larger freshfoodz:nodePools.appVmSize");
            }
            var index = nodes.FindIndex(n => n.Cpu >= r.CpuMillicores && n.Memory >= r.MemoryMiB && n.Slots >= 1);
            if (index < 0)
            {
                nodes.Add((node.CpuMillicores, node.MemoryMiB, node.PodSlots));
                index = nodes.Count - 1;
            }
            var n = nodes[index];
            nodes[index] = (n.Cpu - r.CpuMillicores, n.Memory - r.MemoryMiB, n.Slots - 1);
        }
        return nodes.Count;
    }

    public static NodeSizing Size(
        VmSize vm,
        NodePoolSettings pools,
        IReadOnlyList<PodGroup> preProvisioned,
        IReadOnlyList<PodGroup> atMaxReplicas,
        int zones)
    {
        var perNode = Allocatable(vm, pools.MaxPodsPerNode, pools.DaemonSetOverheadPerNode);
        var packed = Pack(perNode, preProvisioned, vm.Name);
        var count = Math.Max(zones, packed + SurgeNodes);
        var max = Math.Max(count, Pack(perNode, atMaxReplicas, vm.Name) + SurgeNodes);
        return new NodeSizing(
            vm.Name,
            perNode,
            packed,
            count,
            count,
            max,
            packed + SurgeNodes >= zones ? SizingLimit.Utilization : SizingLimit.HighAvailabilityMinimum);
    }
}
