using System.Net.Http.Headers;
using Google.Protobuf;
using Snappier;

namespace FreshFoodz.Calibration.Tests;

/// <summary>
/// Loads series into a Prometheus started with <c>--web.enable-remote-write-receiver</c>: Prometheus' remote-write
/// protocol 1.0 (a snappy-compressed protobuf <c>WriteRequest</c> of <c>TimeSeries</c> {labels, samples}, POSTed to
/// <c>/api/v1/write</c>). Field numbers from prometheus/prompb/types.proto and remote.proto.
/// </summary>
internal static class RemoteWrite
{
    /// <summary>Samples per request: a few hundred kilobytes, well under any body limit.</summary>
    private const int Batch = 20_000;

    public static async Task LoadAsync(Uri prometheus, IEnumerable<(IReadOnlyList<(string Name, string Value)> Labels, IEnumerable<(long Ms, double Value)> Samples)> series)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var url = new Uri(prometheus, "api/v1/write");
        // Two series at a time (one encodes while Prometheus appends the other); a series' batches go in time order,
        // one after the other, since Prometheus refuses a sample older than its series' newest.
        await Parallel.ForEachAsync(series, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (s, _) =>
        {
            foreach (var chunk in s.Samples.Chunk(Batch))
            {
                await PostAsync(http, url, Encode(s.Labels, chunk));
            }
        });
    }

    private static async Task PostAsync(HttpClient http, Uri url, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        content.Headers.ContentEncoding.Add("snappy");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"remote write refused ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>WriteRequest { 1: TimeSeries { 1: Label { 1: name, 2: value }, 2: Sample { 1: double value, 2: int64 ms } } }.</summary>
    private static byte[] Encode(IReadOnlyList<(string Name, string Value)> labels, (long Ms, double Value)[] samples)
    {
        static int LabelSize((string Name, string Value) l) => 1 + CodedOutputStream.ComputeStringSize(l.Name) + 1 + CodedOutputStream.ComputeStringSize(l.Value);
        static int SampleSize((long Ms, double Value) s) => 1 + 8 + 1 + CodedOutputStream.ComputeInt64Size(s.Ms);
        static int Field(int size) => 1 + CodedOutputStream.ComputeLengthSize(size) + size;
        var seriesSize = labels.Sum(l => Field(LabelSize(l))) + samples.Sum(s => Field(SampleSize(s)));
        var raw = new byte[Field(seriesSize)];
        var output = new CodedOutputStream(raw);
        output.WriteTag(1, WireFormat.WireType.LengthDelimited);
        output.WriteLength(seriesSize);
        foreach (var label in labels)
        {
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteLength(LabelSize(label));
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteString(label.Name);
            output.WriteTag(2, WireFormat.WireType.LengthDelimited);
            output.WriteString(label.Value);
        }
        foreach (var sample in samples)
        {
            output.WriteTag(2, WireFormat.WireType.LengthDelimited);
            output.WriteLength(SampleSize(sample));
            output.WriteTag(1, WireFormat.WireType.Fixed64);
            output.WriteDouble(sample.Value);
            output.WriteTag(2, WireFormat.WireType.Varint);
            output.WriteInt64(sample.Ms);
        }
        output.CheckNoSpaceLeft();
        return Snappy.CompressToArray(raw);
    }
}
