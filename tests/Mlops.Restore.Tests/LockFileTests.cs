using Mlops.Diagnostics;
using Mlops.Registries;
using Mlops.Restore.Tests.Support;

namespace Mlops.Restore.Tests;

/// <summary>mlops.lock.json: written on the first restore, used as is while the references stay the same, updated when they change.</summary>
public sealed class LockFileTests
{
    private static readonly SubPipelineReference Churn = new("churn-prediction", "1.4.*");
    private static readonly SubPipelineReference Everything = new("everything", "[2.0.0, 3.0.0)", Alias: "Trainer");

    [Fact]
    public async Task The_first_restore_pins_each_reference_with_its_digest_and_images()
    {
        using var registry = new TestRegistry();
        await registry.PublishAsync<ChurnPrediction>("1.4.0");
        var (_, digest) = await registry.PublishAsync<ChurnPrediction>("1.4.2", "latest");
        await registry.PublishAsync<ChurnPrediction>("1.5.0");
        var (_, everything) = await registry.PublishAsync<Everything>("2.0.0");

        var result = await registry.RestoreAsync(Churn, Everything);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(LockFileOutcome.Written, result.LockFile);
        Assert.Equal(1, result.RegistryAccesses);
        Assert.Equal($$"""
            {
              "version": 1,
              "subPipelines": {
                "churn-prediction": {
                  "requested": "1.4.*",
                  "registry": "local",
                  "resolved": "1.4.2",
                  "digest": "{{digest}}",
                  "images": [
                    "localhost/churn/predict:1.4.2",
                    "python:3.11"
                  ]
                },
                "everything": {
                  "requested": "[2.0.0, 3.0.0)",
                  "registry": "local",
                  "resolved": "2.0.0",
                  "digest": "{{everything}}",
                  "images": [
                    "python:3.11"
                  ]
                }
              }
            }

            """.ReplaceLineEndings("\n"), File.ReadAllText(registry.LockPath));
        Assert.Equal(["churn-prediction.g.cs", "churn-prediction.subpipeline.yaml", "everything.g.cs", "everything.subpipeline.yaml"],
            Directory.GetFiles(registry.Output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["ChurnPrediction", "Trainer"], result.SubPipelines.Select(s => s.TypeName));
        Assert.All(result.SubPipelines, s => Assert.False(s.FromLockFile));
        Assert.True(File.Exists(Path.Combine(registry.CacheFolder, $"sha256-{digest.Hex}.yaml")));
    }

    [Fact]
    public async Task With_unchanged_references_the_lock_file_is_used_as_is_and_no_registry_is_opened()
    {
        using var registry = new TestRegistry();
        var (_, pinned) = await registry.PublishAsync<ChurnPrediction>("1.4.2");
        (await registry.RestoreAsync(Churn)).Diagnostics.ToList().ForEach(d => Assert.Fail(d.ToString()));
        var written = File.GetLastWriteTimeUtc(registry.LockPath);
        var generated = File.GetLastWriteTimeUtc(Path.Combine(registry.Output, "churn-prediction.g.cs"));
        await registry.PublishAsync<ChurnPrediction>("1.4.3"); // a newer match: not taken while the lock file holds
        var opened = registry.Opened;

        var again = await registry.RestoreAsync(Churn);

        Assert.True(again.Succeeded);
        Assert.Equal(LockFileOutcome.Unchanged, again.LockFile);
        Assert.Equal(0, again.RegistryAccesses);
        Assert.Equal(opened, registry.Opened);
        var restored = Assert.Single(again.SubPipelines);
        Assert.True(restored.FromLockFile);
        Assert.Equal(("1.4.2", pinned.ToString()), (restored.Version, restored.Digest));
        Assert.Equal(written, File.GetLastWriteTimeUtc(registry.LockPath));
        Assert.Equal(generated, File.GetLastWriteTimeUtc(Path.Combine(registry.Output, "churn-prediction.g.cs")));
    }

    [Fact]
    public async Task The_lock_file_is_used_even_without_the_registry_when_the_cache_has_the_IR()
    {
        using var registry = new TestRegistry();
        await registry.PublishAsync<ChurnPrediction>("1.4.2");
        Assert.True((await registry.RestoreAsync(Churn)).Succeeded);
        Directory.Delete(Path.Combine(registry.Home, "registries"), recursive: true);
        Directory.Delete(registry.Output, recursive: true);

        var again = await registry.RestoreAsync(Churn);

        Assert.True(again.Succeeded, string.Join("\n", again.Diagnostics));
        Assert.Equal(0, again.RegistryAccesses);
        Assert.True(File.Exists(Path.Combine(registry.Output, "churn-prediction.g.cs")));
    }

    [Fact]
    public async Task A_changed_range_resolves_that_reference_again_and_keeps_the_others()
    {
        using var registry = new TestRegistry();
        await registry.PublishAsync<ChurnPrediction>("1.4.2");
        await registry.PublishAsync<Everything>("2.0.0");
        Assert.True((await registry.RestoreAsync(Churn, Everything)).Succeeded);
        await registry.PublishAsync<ChurnPrediction>("1.5.1");
        await registry.PublishAsync<Everything>("2.1.0");

        var result = await registry.RestoreAsync(Churn with { Version = "1.5.*" }, Everything);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(LockFileOutcome.Written, result.LockFile);
        var locked = LockFile.Read(registry.LockPath)!;
        Assert.Equal(("1.5.*", "1.5.1"), (locked.SubPipelines["churn-prediction"].Requested, locked.SubPipelines["churn-prediction"].Resolved));
        Assert.Equal("2.0.0", locked.SubPipelines["everything"].Resolved); // unchanged reference, not re-resolved
        Assert.Equal([false, true], result.SubPipelines.Select(s => s.FromLockFile));
        Assert.Contains("\"1.5.1\"", File.ReadAllText(Path.Combine(registry.Output, "churn-prediction.g.cs")));
    }

    [Fact]
    public async Task A_changed_registry_resolves_again_and_a_same_range_written_differently_does_not()
    {
        using var registry = new TestRegistry();
        await registry.PublishAsync<ChurnPrediction>("1.4.2");
        Assert.True((await registry.RestoreAsync(Churn)).Succeeded);
        var other = Path.Combine(registry.ProjectFolder, "..", "team-registries");
        var ir = await File.ReadAllBytesAsync(Directory.GetFiles(registry.CacheFolder).Single());
        await new LocalRegistries(other).PipelineTemplates.PushAsync("churn-prediction", ir, ["1.4.9"]);

        var sameRange = await registry.RestoreAsync(Churn with { Version = "[1.4.*, )" });
        var otherRegistry = await registry.RestoreAsync(Churn with { Version = "[1.4.*, )", Registry = "../team-registries/" });

        Assert.Equal(0, sameRange.RegistryAccesses);
        Assert.Equal(LockFileOutcome.Unchanged, sameRange.LockFile);
        Assert.True(otherRegistry.Succeeded, string.Join("\n", otherRegistry.Diagnostics));
        var entry = LockFile.Read(registry.LockPath)!.SubPipelines["churn-prediction"];
        Assert.Equal(("../team-registries", "1.4.9"), (entry.Registry, entry.Resolved));
    }

    [Fact]
    public async Task A_removed_reference_leaves_the_lock_file_and_its_files_and_without_references_the_lock_file_goes()
    {
        using var registry = new TestRegistry();
        await registry.PublishAsync<ChurnPrediction>("1.4.2");
        await registry.PublishAsync<Everything>("2.0.0");
        Assert.True((await registry.RestoreAsync(Churn, Everything)).Succeeded);

        var one = await registry.RestoreAsync(Everything);

        Assert.Equal(["everything"], LockFile.Read(registry.LockPath)!.SubPipelines.Keys);
        Assert.Equal(["everything.g.cs", "everything.subpipeline.yaml"], Directory.GetFiles(registry.Output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(0, one.RegistryAccesses);

        var none = await registry.RestoreAsync();

        Assert.Equal(LockFileOutcome.Deleted, none.LockFile);
        Assert.False(File.Exists(registry.LockPath));
        Assert.Empty(Directory.GetFiles(registry.Output));
    }

    [Fact]
    public async Task Force_evaluate_resolves_every_range_again()
    {
        using var registry = new TestRegistry();
        await registry.PublishAsync<ChurnPrediction>("1.4.2");
        Assert.True((await registry.RestoreAsync(Churn)).Succeeded);
        await registry.PublishAsync<ChurnPrediction>("1.4.3");

        var result = await SubPipelineRestorer.RestoreAsync(registry.Request(Churn) with { ForceEvaluate = true });

        Assert.True(result.Succeeded);
        Assert.Equal("1.4.3", LockFile.Read(registry.LockPath)!.SubPipelines["churn-prediction"].Resolved);
    }

    [Fact]
    public async Task Locked_mode_fails_with_MLOPS4020_when_the_references_changed_and_changes_nothing()
    {
        using var registry = new TestRegistry();
        await registry.PublishAsync<ChurnPrediction>("1.4.2");
        await registry.PublishAsync<Everything>("2.0.0");
        Assert.True((await registry.RestoreAsync(Churn)).Succeeded);
        var before = File.ReadAllText(registry.LockPath);

        var result = await Locked(registry, Churn with { Version = "1.5.*" }, Everything);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(ErrorCodes.Restore.LockFileStale, diagnostic.Code);
        Assert.Equal(registry.LockPath, diagnostic.Location!.File);
        Assert.Contains("'churn-prediction' has Version '1.5.*', the lock file '1.4.*'", diagnostic.Message);
        Assert.Contains("'everything' (Version '[2.0.0, 3.0.0)') is not in the lock file", diagnostic.Message);
        Assert.Equal(before, File.ReadAllText(registry.LockPath));
        Assert.Equal(0, result.RegistryAccesses);

        var removed = await Locked(registry);
        Assert.Contains("'churn-prediction' is in the lock file but no longer referenced", Assert.Single(removed.Diagnostics).Message);

        var unchanged = await Locked(registry, Churn);
        Assert.True(unchanged.Succeeded);
        Assert.Equal(LockFileOutcome.NotWritten, unchanged.LockFile);
    }

    [Fact]
    public async Task Locked_mode_without_a_lock_file_fails_with_MLOPS4021()
    {
        using var registry = new TestRegistry();
        await registry.PublishAsync<ChurnPrediction>("1.4.2");

        var result = await Locked(registry, Churn);

        Assert.Equal(ErrorCodes.Restore.LockFileMissing, Assert.Single(result.Diagnostics).Code);
        Assert.False(File.Exists(registry.LockPath));
    }

    [Fact]
    public async Task A_lock_file_that_is_not_one_is_MLOPS4022()
    {
        using var registry = new TestRegistry();
        File.WriteAllText(registry.LockPath, "{ \"version\": 1, \"subPipelines\": { \"x\": { \"requested\": 1 } } }");

        var result = await registry.RestoreAsync(Churn);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(ErrorCodes.Restore.LockFileInvalid, diagnostic.Code);
        Assert.Contains("sub-pipeline 'x' has no \"", diagnostic.Message);
    }

    [Fact]
    public async Task Design_time_restore_uses_the_lock_file_and_cache_only()
    {
        using var registry = new TestRegistry();
        await registry.PublishAsync<ChurnPrediction>("1.4.2");
        await registry.PublishAsync<Everything>("2.0.0");
        var withoutLock = await Offline(registry, Churn);
        Assert.Equal(ErrorCodes.Restore.NotRestored, Assert.Single(withoutLock.Diagnostics).Code);
        Assert.True((await registry.RestoreAsync(Churn)).Succeeded);
        Directory.Delete(registry.Output, recursive: true);

        var result = await Offline(registry, Churn, Everything);

        Assert.Equal(0, result.RegistryAccesses);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(ErrorCodes.Restore.NotRestored, diagnostic.Code);
        Assert.Contains("'everything' (Version '[2.0.0, 3.0.0)') is not in the lock file", diagnostic.Message);
        Assert.True(File.Exists(Path.Combine(registry.Output, "churn-prediction.g.cs"))); // what could be restored, is
        Assert.Equal(["churn-prediction"], LockFile.Read(registry.LockPath)!.SubPipelines.Keys); // never written offline
    }

    [Fact]
    public async Task A_cached_IR_whose_bytes_changed_is_MLOPS4030_and_is_never_used()
    {
        using var registry = new TestRegistry();
        var (_, digest) = await registry.PublishAsync<ChurnPrediction>("1.4.2");
        Assert.True((await registry.RestoreAsync(Churn)).Succeeded);
        var cached = Path.Combine(registry.CacheFolder, $"sha256-{digest.Hex}.yaml");
        File.AppendAllText(cached, "# tampered\n");
        var wrapper = Path.Combine(registry.Output, "churn-prediction.g.cs");
        File.Delete(wrapper);

        var result = await registry.RestoreAsync(Churn);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(ErrorCodes.Restore.CachedIrTampered, diagnostic.Code);
        Assert.Equal(cached, diagnostic.Location!.File);
        Assert.Contains($"not the {digest} it is stored under", diagnostic.Message);
        Assert.False(File.Exists(wrapper));

        // Resolving again (a changed range) meets the same cached file, and refuses it too.
        var changed = await registry.RestoreAsync(Churn with { Version = "[1.4.2]" });
        Assert.Equal(ErrorCodes.Restore.CachedIrTampered, Assert.Single(changed.Diagnostics).Code);

        File.Delete(cached);
        Assert.True((await registry.RestoreAsync(Churn)).Succeeded);
        Assert.Equal(digest, ContentDigest.Compute(File.ReadAllBytes(cached)));
    }

    [Fact]
    public async Task No_matching_version_is_MLOPS4011_naming_the_available_versions()
    {
        using var registry = new TestRegistry();
        await registry.PublishAsync<ChurnPrediction>("1.3.0");
        await registry.PublishAsync<ChurnPrediction>("1.5.0-rc.1", "latest");

        var result = await registry.RestoreAsync(Churn with { Version = "1.5.*" });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(ErrorCodes.Restore.NoMatchingVersion, diagnostic.Code);
        Assert.Equal(registry.ProjectPath, diagnostic.Location!.File);
        Assert.Contains("no version in registry 'local'", diagnostic.Message);
        Assert.Contains("matches Version '1.5.*' (pre-releases are only picked when the range names one", diagnostic.Message);
        Assert.Contains("Available versions: 1.3.0, 1.5.0-rc.1.", diagnostic.Message);
        Assert.False(File.Exists(registry.LockPath));
    }

    [Fact]
    public async Task An_unknown_package_is_MLOPS4010_naming_the_registry_s_packages()
    {
        using var registry = new TestRegistry();
        await registry.PublishAsync<Everything>("2.0.0");

        var result = await registry.RestoreAsync(new SubPipelineReference("churn-predictions", "1.*"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(ErrorCodes.Restore.PackageNotFound, diagnostic.Code);
        Assert.Contains("has no pipeline 'churn-predictions' (it has 'everything')", diagnostic.Message);
    }

    [Fact]
    public async Task A_published_file_that_is_not_IR_is_MLOPS4040()
    {
        using var registry = new TestRegistry();
        await registry.PublishBytesAsync("notes", "just: text\n"u8.ToArray(), "1.0.0");

        var result = await registry.RestoreAsync(new SubPipelineReference("notes", "1.0.0"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(ErrorCodes.Restore.InvalidIr, diagnostic.Code);
        Assert.Contains("MLOPS1052", diagnostic.Message);
    }

    private static Task<RestoreResult> Locked(TestRegistry registry, params SubPipelineReference[] references) =>
        SubPipelineRestorer.RestoreAsync(registry.Request(references) with { LockedMode = true });

    private static Task<RestoreResult> Offline(TestRegistry registry, params SubPipelineReference[] references) =>
        SubPipelineRestorer.RestoreAsync(registry.Request(references) with { Offline = true });
}
