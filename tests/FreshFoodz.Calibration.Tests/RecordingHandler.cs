using System.Globalization;
using System.Web;

namespace FreshFoodz.Calibration.Tests;

/// <summary>Passes requests to the server and records what went out: each range request's points, and the most in flight.</summary>
internal sealed class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly List<Uri> _sent = [];
    private int _inFlight;

    public int MostInFlight { get; private set; }

    /// <summary>Points per series of each range request: (end − start) / step + 1.</summary>
    public List<long> RangePoints()
    {
        lock (_sent)
        {
            return _sent.Where(u => u.AbsolutePath.EndsWith("query_range", StringComparison.Ordinal)).Select(u =>
            {
                var q = HttpUtility.ParseQueryString(u.Query);
                var step = long.Parse(q["step"]!.TrimEnd('s'), CultureInfo.InvariantCulture);
                return (long.Parse(q["end"]!, CultureInfo.InvariantCulture) - long.Parse(q["start"]!, CultureInfo.InvariantCulture)) / step + 1;
            }).ToList();
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_sent)
        {
            _sent.Add(request.RequestUri!);
            MostInFlight = Math.Max(MostInFlight, ++_inFlight);
        }
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            lock (_sent)
            {
                _inFlight--;
            }
        }
    }
}
