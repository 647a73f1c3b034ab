// The SDK's test deployment reads config from process-wide environment variables and keeps per-run state:
// its own docs say such tests must run serially.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
