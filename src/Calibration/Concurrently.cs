namespace FreshFoodz.Calibration;

/// <summary>Runs queries side by side and stops the rest at the first failure, so one bad answer fails fast.</summary>
internal static class Concurrently
{
    public static async Task<TResult[]> AllAsync<TItem, TResult>(
        IEnumerable<TItem> items, Func<TItem, CancellationToken, Task<TResult>> query, CancellationToken cancellation)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        async Task<TResult> Run(TItem item)
        {
            try
            {
                return await query(item, stop.Token).ConfigureAwait(false);
            }
            catch
            {
                await stop.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }
        // The first failure is what the caller sees; the queries it cancelled end as cancelled, not as failures.
        return await Task.WhenAll(items.Select(Run).ToList()).ConfigureAwait(false);
    }
}
