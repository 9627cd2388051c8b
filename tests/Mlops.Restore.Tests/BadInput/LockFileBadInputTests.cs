using System.Text.Json.Nodes;
using Mlops.Diagnostics;
using Mlops.Restore.Tests.Support;

namespace Mlops.Restore.Tests.BadInput;

/// <summary>
/// The lock file's rows of the bad-input corpus: malformed, tampered, stale against the registry, read-only or a folder,
/// each a coded error at the lock file saying what to change, never a crash, and never a pipeline other than the one
/// the lock file and the wrapper name.
/// </summary>
public sealed class LockFileBadInputTests : IDisposable
{
    private static readonly SubPipelineReference Churn = new("churn-prediction", "1.4.*");

    private readonly TestRegistry registry = new();

    public void Dispose()
    {
        if (File.Exists(registry.LockPath))
        {
            File.SetAttributes(registry.LockPath, FileAttributes.Normal);
        }
        registry.Dispose();
    }

    private async Task<(string Old, string Pinned)> LockedAt142()
    {
        var (_, old) = await registry.PublishAsync<ChurnPrediction>("1.4.1");
        var (_, pinned) = await registry.PublishAsync<ChurnPrediction>("1.4.2");
        var first = await registry.RestoreAsync(Churn);
        Assert.True(first.Succeeded, string.Join("\n", first.Diagnostics));
        return (old.ToString(), pinned.ToString());
    }

    private void EditLock(string field, string value)
    {
        var json = JsonNode.Parse(File.ReadAllText(registry.LockPath))!;
        json["subPipelines"]!["churn-prediction"]![field] = value;
        File.WriteAllText(registry.LockPath, json.ToJsonString());
    }

    private static Diagnostic Rejected(RestoreResult result, string code, string path, params string[] says)
    {
        Assert.False(result.Succeeded);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(path, diagnostic.Location?.File);
        foreach (var text in says)
        {
            Assert.Contains(text, diagnostic.Message);
        }
        Assert.DoesNotContain("   at ", diagnostic.ToCanonicalString());
        Assert.DoesNotMatch(@"\b[A-Z]\w*(Exception|Error)\b|System\.", diagnostic.ToCanonicalString());
        return diagnostic;
    }

    [Fact]
    public async Task A_digest_of_another_version_is_MLOPS4023_from_what_the_cache_saw_without_asking_the_registry()
    {
        var (old, pinned) = await LockedAt142();
        EditLock("digest", old);
        var opened = registry.Opened;

        var result = await registry.RestoreAsync(Churn);

        Rejected(result, ErrorCodes.Restore.LockFileDigestMismatch, registry.LockPath,
            $"pins sub-pipeline 'churn-prediction' to 1.4.2 with digest {old}", $"1.4.2 has {pinned}", "dotnet restore --force-evaluate");
        Assert.Equal(opened, registry.Opened);
        Assert.Empty(result.SubPipelines);
    }

    [Fact]
    public async Task A_digest_of_another_version_is_MLOPS4023_from_the_registry_on_a_machine_that_never_saw_it()
    {
        var (old, pinned) = await LockedAt142();
        EditLock("digest", old);
        Directory.Delete(registry.CacheFolder, recursive: true);
        Directory.Delete(registry.Output, recursive: true);

        var result = await registry.RestoreAsync(Churn);

        Rejected(result, ErrorCodes.Restore.LockFileDigestMismatch, registry.LockPath, $"1.4.2 has {pinned} in registry 'local'", "fix the entry's \"resolved\" and \"digest\"");
        Assert.False(File.Exists(Path.Combine(registry.Output, "churn-prediction.g.cs")));
    }

    [Fact]
    public async Task A_resolved_version_the_registry_does_not_have_is_MLOPS4023()
    {
        await LockedAt142();
        EditLock("resolved", "1.4.9");

        var result = await registry.RestoreAsync(Churn);

        Rejected(result, ErrorCodes.Restore.LockFileDigestMismatch, registry.LockPath, "has no version 1.4.9 of 'churn-prediction'", "--force-evaluate");
    }

    [Fact]
    public async Task A_resolved_version_edited_to_another_published_one_is_MLOPS4023()
    {
        var (_, pinned) = await LockedAt142();
        EditLock("resolved", "1.4.1");

        var result = await registry.RestoreAsync(Churn);

        Rejected(result, ErrorCodes.Restore.LockFileDigestMismatch, registry.LockPath, $"to 1.4.1 with digest {pinned}");
    }

    [Fact]
    public async Task A_tampered_pin_is_MLOPS4023_in_locked_mode_and_design_time_restore_too()
    {
        var (old, _) = await LockedAt142();
        EditLock("digest", old);

        var locked = await SubPipelineRestorer.RestoreAsync(registry.Request(Churn) with { LockedMode = true });
        var offline = await SubPipelineRestorer.RestoreAsync(registry.Request(Churn) with { Offline = true });

        Rejected(locked, ErrorCodes.Restore.LockFileDigestMismatch, registry.LockPath, "--force-evaluate");
        Rejected(offline, ErrorCodes.Restore.LockFileDigestMismatch, registry.LockPath, "--force-evaluate");
    }

    [Fact]
    public async Task Force_evaluate_repairs_a_tampered_pin()
    {
        var (old, pinned) = await LockedAt142();
        EditLock("digest", old);

        var result = await SubPipelineRestorer.RestoreAsync(registry.Request(Churn) with { ForceEvaluate = true });

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(pinned, LockFile.Read(registry.LockPath)!.SubPipelines["churn-prediction"].Digest);
    }

    [Fact]
    public async Task A_correct_lock_on_a_fresh_machine_is_checked_once_against_the_registry_then_no_more()
    {
        var (_, pinned) = await LockedAt142();
        Directory.Delete(registry.CacheFolder, recursive: true);

        var fresh = await registry.RestoreAsync(Churn);
        var again = await registry.RestoreAsync(Churn);

        Assert.True(fresh.Succeeded, string.Join("\n", fresh.Diagnostics));
        Assert.Equal(1, fresh.RegistryAccesses);
        Assert.Equal(pinned, Assert.Single(fresh.SubPipelines).Digest);
        Assert.True(again.Succeeded);
        Assert.Equal(0, again.RegistryAccesses);
    }

    [Fact]
    public async Task A_lock_file_that_is_a_folder_is_MLOPS4024()
    {
        await registry.PublishAsync<ChurnPrediction>("1.4.2");
        Directory.CreateDirectory(registry.LockPath);

        var result = await registry.RestoreAsync(Churn);

        Rejected(result, ErrorCodes.Restore.LockFileUnwritable, registry.LockPath, "it is a folder", "delete it and run dotnet restore");
    }

    [Fact]
    public async Task A_read_only_lock_file_that_restore_must_change_is_MLOPS4024_and_stays_as_it_was()
    {
        await LockedAt142();
        var before = File.ReadAllText(registry.LockPath);
        File.SetAttributes(registry.LockPath, FileAttributes.ReadOnly);

        var result = await registry.RestoreAsync(Churn with { Version = "1.4.1" });

        Rejected(result, ErrorCodes.Restore.LockFileUnwritable, registry.LockPath, "read-only", "Make it a writable file", "--locked-mode");
        Assert.Equal(before, File.ReadAllText(registry.LockPath));
    }

    [Fact]
    public async Task A_read_only_lock_file_that_restore_must_remove_is_MLOPS4024()
    {
        await LockedAt142();
        File.SetAttributes(registry.LockPath, FileAttributes.ReadOnly);

        var result = await registry.RestoreAsync();

        Rejected(result, ErrorCodes.Restore.LockFileUnwritable, registry.LockPath, "read-only", "no SubPipelineReference is left");
        Assert.True(File.Exists(registry.LockPath));
    }

    [Fact]
    public async Task A_read_only_lock_file_that_needs_no_change_restores()
    {
        await LockedAt142();
        File.SetAttributes(registry.LockPath, FileAttributes.ReadOnly);

        var result = await registry.RestoreAsync(Churn);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(LockFileOutcome.Unchanged, result.LockFile);
    }

    private const string Entry = "\"churn-prediction\": { \"requested\": \"1.4.*\", \"registry\": \"local\", \"resolved\": \"1.4.2\", \"digest\": \"sha256:" + "0000000000000000000000000000000000000000000000000000000000000000\" }";

    public static TheoryData<string, string, string> Malformed() => new()
    {
        { "empty", "", "not valid JSON" },
        { "not JSON", "churn-prediction 1.4.2\n", "not valid JSON" },
        { "truncated", "{ \"version\": 1, \"subPipelines\": { " + Entry[..40], "not valid JSON" },
        { "merge conflict", "<<<<<<< HEAD\n{ \"version\": 1 }\n=======\n{ \"version\": 1 }\n>>>>>>> main\n", "not valid JSON" },
        { "an array", "[]", "it has no \"version\"" },
        { "no version", "{ \"subPipelines\": {} }", "it has no \"version\"" },
        { "a version as text", "{ \"version\": \"1\" }", "it has no \"version\"" },
        { "a newer format", "{ \"version\": 2 }", "format version 2" },
        { "a fractional version", "{ \"version\": 1.5 }", "\"version\" 1.5 is not a whole number" },
        { "a huge version", "{ \"version\": 1e999 }", "is not a whole number" },
        { "subPipelines a list", "{ \"version\": 1, \"subPipelines\": [] }", "\"subPipelines\" is not an object" },
        { "an entry that is text", "{ \"version\": 1, \"subPipelines\": { \"churn-prediction\": \"1.4.2\" } }", "has no \"digest\" string" },
        { "no resolved", "{ \"version\": 1, \"subPipelines\": { " + Entry.Replace("\"resolved\": \"1.4.2\", ", "") + " } }", "has no \"resolved\" string" },
        { "a numeric requested", "{ \"version\": 1, \"subPipelines\": { " + Entry.Replace("\"1.4.*\"", "14") + " } }", "has no \"requested\" string" },
        { "a short digest", "{ \"version\": 1, \"subPipelines\": { " + Entry.Replace("0000000000", "") + " } }", "is not 'sha256:' followed by 64" },
        { "an md5 digest", "{ \"version\": 1, \"subPipelines\": { " + Entry.Replace("sha256:", "md5:") + " } }", "is not 'sha256:' followed by 64" },
        { "a digest with non-hex digits", "{ \"version\": 1, \"subPipelines\": { " + Entry.Replace("0000000000\"", "zzzzzzzzzz\"") + " } }", "is not 'sha256:' followed by 64" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_lock_file_is_MLOPS4022_and_says_to_fix_or_delete_it(string name, string text, string why)
    {
        Assert.NotEmpty(name);
        File.WriteAllText(registry.LockPath, text);

        var result = await registry.RestoreAsync(Churn);

        Rejected(result, ErrorCodes.Restore.LockFileInvalid, registry.LockPath, why, "Fix it, or delete it and run dotnet restore");
        Assert.Equal(text, File.ReadAllText(registry.LockPath));
    }
}
