namespace FreshFoodz.Bench.Simulation;

/// <summary>A simulated p95 with its 95 % confidence interval (batch means).</summary>
public readonly record struct P95Estimate(double P95, double Low, double High)
{
    public double HalfWidth => (High - Low) / 2;

    /// <summary>Half-width relative to the estimate.</summary>
    public double RelativeHalfWidth => HalfWidth / P95;
}

/// <summary>
/// One sample path of the app tier: Poisson arrivals, service times drawn once, so every server count is
/// simulated with the same requests (common random numbers: the p95 differences between N and N + 1 are not
/// drowned in sampling noise).
/// </summary>
public sealed class SamplePath
{
    public SamplePath(double arrivalRate, ServiceSampler service, int requests, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(arrivalRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(requests, QueueSimulator.Batches * 10);
        var random = new Random(seed);
        Arrivals = new double[requests];
        var t = 0.0;
        for (var i = 0; i < requests; i++)
        {
            t += -Math.Log(1 - random.NextDouble()) / arrivalRate;
            Arrivals[i] = t;
        }
        Services = new double[requests];
        service.Fill(random, Services);
        Scratch = new double[requests];
    }

    /// <summary>Response times of the latest run, reused so a case allocates once, not per server count.</summary>
    internal double[] Scratch { get; }

    public double[] Arrivals { get; }

    public double[] Services { get; }

    public int Count => Arrivals.Length;
}

/// <summary>
/// FCFS with N identical servers: each request, in arrival order, takes the server that frees first (a min-heap of
/// free times), starts at max(arrival, that time) and leaves after its service time. The first
/// <see cref="WarmUpShare"/> of requests is discarded (the queue starts empty); the p95 of the rest is the sample
/// quantile, and its confidence interval comes from <see cref="Batches"/> consecutive batches: the batch p95s' mean ±
/// t(0.975, B − 1)·sd / √B, centred on the whole sample's p95 (batch means: consecutive requests are correlated).
/// </summary>
public static class QueueSimulator
{
    public const int Batches = 20;

    public const double WarmUpShare = 0.05;

    /// <summary>Student's t, 97.5 % quantile with 19 degrees of freedom.</summary>
    private const double T19 = 2.093;

    public static P95Estimate P95(SamplePath stream, int servers)
    {
        var responses = stream.Scratch;
        Simulate(stream, servers, responses);
        var skip = (int)(responses.Length * WarmUpShare);
        var kept = responses.AsSpan(skip);
        var batchSize = kept.Length / Batches;
        var batchP95 = new double[Batches];
        for (var b = 0; b < Batches; b++)
        {
            batchP95[b] = Quantile(kept.Slice(b * batchSize, batchSize), 0.95); // reorders within the batch only
        }
        var whole = Quantile(kept, 0.95);
        var mean = batchP95.Average();
        var sd = Math.Sqrt(batchP95.Sum(q => (q - mean) * (q - mean)) / (Batches - 1));
        var half = T19 * sd / Math.Sqrt(Batches);
        return new P95Estimate(whole, whole - half, whole + half);
    }

    /// <summary>Response time (wait + service) of every request, in arrival order.</summary>
    public static double[] ResponseTimes(SamplePath stream, int servers)
    {
        var responses = new double[stream.Count];
        Simulate(stream, servers, responses);
        return responses;
    }

    private static void Simulate(SamplePath stream, int servers, double[] responses)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(servers);
        var free = new double[servers]; // a min-heap; all servers free at time 0
        var arrivals = stream.Arrivals;
        var services = stream.Services;
        for (var i = 0; i < responses.Length; i++)
        {
            var start = Math.Max(arrivals[i], free[0]);
            var finish = start + services[i];
            responses[i] = finish - arrivals[i];
            SiftDown(free, finish);
        }
    }

    /// <summary>Replaces the heap's root with <paramref name="value"/> and restores the heap order.</summary>
    private static void SiftDown(double[] heap, double value)
    {
        var n = heap.Length;
        var i = 0;
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= n)
            {
                break;
            }
            if (child + 1 < n && heap[child + 1] < heap[child])
            {
                child++;
            }
            if (heap[child] >= value)
            {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = value;
    }

    /// <summary>The sample p-quantile: the ⌈p·n⌉-th smallest value (quickselect; reorders the values).</summary>
    public static double Quantile(Span<double> values, double p)
    {
        var k = (int)Math.Ceiling(p * values.Length) - 1;
        int lo = 0, hi = values.Length - 1;
        while (lo < hi)
        {
            // Median of three as pivot, Hoare partition.
            var mid = lo + (hi - lo) / 2;
            var pivot = Median(values[lo], values[mid], values[hi]);
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }
                while (values[j] > pivot)
                {
                    j--;
                }
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                return values[k];
            }
        }
        return values[k];
    }

    private static double Median(double a, double b, double c) =>
        Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
}
