using FreshFoodz.Capacity.Daily;
using FreshFoodz.Capacity.Sizing;

namespace FreshFoodz.Bench.Simulation;

/// <summary>One 5-minute window of a simulated day: its requests' p95 and its offered load against its capacity.</summary>
public readonly record struct DayWindow(int Start, int Requests, double P95, double MeanServers, double Load)
{
    /// <summary>Offered load / capacity: the window's work (Σ service times) over its server-seconds.</summary>
    public double Utilization => MeanServers == 0 ? double.PositiveInfinity : Load / (MeanServers * DaySimulator.WindowSeconds);
}

/// <summary>A deployment's simulated day.</summary>
public sealed record DeploymentDay(
    ScheduledDeployment Deployment, IReadOnlyList<DayWindow> Windows, int ReactiveScaleUps, int PeakReadyPods, double PodHours);

/// <summary>
/// A whole day of one api deployment: non-homogeneous Poisson arrivals at busy-hour rate × the hour's factor × the
/// deployment's share (thinning: candidates at the busy-hour rate, each kept with probability factor), FCFS on
/// pods × c servers (a min-heap of server free times, as <see cref="QueueSimulator"/>), and pods that follow the
/// schedule and a reactive HPA with the cluster's lags (<see cref="ScalingLags"/>):
/// - every <see cref="ScalingLags.HpaSync"/> s the HPA computes desired = max(the cron trigger's replicas, as KEDA saw
///   them one polling interval ago; the prometheus trigger's ⌈r / threshold⌉ with r the deployment's request rate over
///   the last <see cref="ScalingLags.RateWindow"/> s of scrapes (taken every <see cref="ScalingLags.ScrapeInterval"/> s)
///   and threshold = c·ρ / S per pod, the plan's; left alone while r / (threshold × pods) is within the 10 % tolerance,
///   as the HPA treats an AverageValue external metric), clamped to [off-hours floor, maxReplicas];
/// - scale-down takes the highest desired of the last <see cref="ScalingLags.ScaleDownStabilization"/> s;
/// - every new pod waits for a new node (<see cref="ScalingLags.NodeProvisioning"/>) and its start-up
///   (<see cref="ScalingLags.PodStartup"/>): the pessimistic case, nodes the autoscaler has not yet added;
/// - a removed pod leaves the heap at once (the free server leaves first; requests already started finish).
/// The day starts at midnight with the off-hours floor Ready.
/// </summary>
public static class DaySimulator
{
    public const int WindowSeconds = 300;

    /// <summary>HPA tolerance: no scaling while |usage / target − 1| ≤ 0.1 (Kubernetes docs, Horizontal Pod Autoscaling).</summary>
    public const double Tolerance = 0.1;

    public static DeploymentDay Run(DailySchedule schedule, ScheduledDeployment d, AppTierDemand demand, ServiceSampler service, int seed)
    {
        var lags = schedule.Lags;
        var c = demand.ConcurrencyPerPod;
        var random = new Random(seed);
        var peakRate = schedule.BusyHourRequestsPerSecond * d.Share;
        var servers = new PriorityQueue<double, double>();
        var ready = 0;
        var pending = new List<double>(); // ready times of pods starting up
        void AddReady(double at)
        {
            ready++;
            for (var i = 0; i < c; i++)
            {
                servers.Enqueue(at, at);
            }
        }
        for (var i = 0; i < d.OffHoursMinReplicas; i++)
        {
            AddReady(0);
        }

        var windows = new List<DayWindow>();
        var responses = new List<double>();
        double windowWork = 0, serverSeconds = 0;
        // Requests per scrape interval: what http_requests_total's increase shows Prometheus.
        var scraped = new int[(int)(DailySchedule.SecondsPerDay / lags.ScrapeInterval) + 1];
        var scrapesPerWindow = (int)(lags.RateWindow / lags.ScrapeInterval);
        var threshold = demand.RequestsPerPodAtTarget;
        var desiredHistory = new Queue<(double At, int Desired)>();
        int reactive = 0, peakReady = ready;
        double podSeconds = 0;
        var nextTick = lags.HpaSync;
        var lastTime = 0.0;
        var windowEnd = WindowSeconds;

        void Advance(double to)
        {
            // Server-seconds and pod-seconds between events, for the window's capacity and the day's pod-hours.
            var span = to - lastTime;
            serverSeconds += span * ready * c;
            podSeconds += span * (ready + pending.Count);
            lastTime = to;
        }

        void Tick(double t)
        {
            pending.RemoveAll(at =>
            {
                if (at > t)
                {
                    return false;
                }
                AddReady(at);
                return true;
            });
            var cron = schedule.InWindow(t - lags.KedaPolling) ? d.BusinessMinReplicas : d.OffHoursMinReplicas;
            var current = ready + pending.Count;
            var desired = current;
            var last = (int)(t / lags.ScrapeInterval); // scrapes completed by t: intervals [0, last)
            if (last >= scrapesPerWindow)
            {
                var rate = Enumerable.Range(last - scrapesPerWindow, scrapesPerWindow).Sum(i => scraped[i]) / lags.RateWindow;
                if (Math.Abs(rate / (threshold * current) - 1) > Tolerance)
                {
                    desired = (int)Math.Ceiling(rate / threshold);
                }
            }
            var loadDesired = desired;
            desired = Math.Clamp(Math.Max(desired, cron), d.OffHoursMinReplicas, d.MaxReplicas);
            desiredHistory.Enqueue((t, desired));
            while (desiredHistory.Peek().At < t - lags.ScaleDownStabilization)
            {
                desiredHistory.Dequeue();
            }
            var target = desired >= current ? desired : desiredHistory.Max(x => x.Desired);
            for (var n = current; n < target; n++)
            {
                pending.Add(t + lags.NodeProvisioning + lags.PodStartup);
                if (loadDesired > cron && n >= cron)
                {
                    reactive++;
                }
            }
            for (var n = target; n < current; n++)
            {
                if (pending.Count > 0)
                {
                    pending.RemoveAt(pending.Count - 1);
                }
                else
                {
                    ready--;
                    for (var i = 0; i < c; i++)
                    {
                        servers.Dequeue();
                    }
                }
            }
            peakReady = Math.Max(peakReady, ready);
        }

        void CloseWindow()
        {
            var span = responses.Count == 0 ? 0 : QueueSimulator.Quantile(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(responses), 0.95);
            windows.Add(new DayWindow(windowEnd - WindowSeconds, responses.Count, span, serverSeconds / WindowSeconds, windowWork));
            responses.Clear();
            windowWork = 0;
            serverSeconds = 0;
            windowEnd += WindowSeconds;
        }

        var draw = new double[1];
        var t = 0.0;
        while (true)
        {
            t += -Math.Log(1 - random.NextDouble()) / peakRate;
            var keep = random.NextDouble();
            // Controller ticks and window ends due before this candidate arrival.
            while (Math.Min(nextTick, windowEnd) <= Math.Min(t, DailySchedule.SecondsPerDay))
            {
                if (nextTick <= windowEnd)
                {
                    Advance(nextTick);
                    Tick(nextTick);
                    nextTick += lags.HpaSync;
                }
                else
                {
                    Advance(windowEnd);
                    CloseWindow();
                }
            }
            if (t >= DailySchedule.SecondsPerDay)
            {
                break;
            }
            if (keep >= schedule.Curve[(int)(t / 3600)])
            {
                continue; // thinned away: the hour's rate is factor × the busy hour's
            }
            Advance(t);
            service.Fill(random, draw);
            var s = draw[0];
            var start = Math.Max(t, servers.Peek());
            var finish = start + s;
            servers.DequeueEnqueue(finish, finish);
            responses.Add(finish - t);
            windowWork += s;
            scraped[(int)(t / lags.ScrapeInterval)]++;
        }
        return new DeploymentDay(d, windows, reactive, peakReady, podSeconds / 3600);
    }
}
