// The tool writes to the process's console, which SdkTool redirects: one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
