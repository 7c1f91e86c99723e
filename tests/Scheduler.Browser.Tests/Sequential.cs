// Each browser test drives a chromium, a serve host and sometimes an OpenID Connect provider; run side by side on
// a small machine they starve each other into timeouts, so the classes take turns.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
