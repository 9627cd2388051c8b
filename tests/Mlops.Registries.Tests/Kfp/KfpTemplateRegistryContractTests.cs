using System.Diagnostics;
using Mlops.Diagnostics;
using Mlops.Registries.Kfp;
using Xunit.Abstractions;

namespace Mlops.Registries.Tests.Kfp;

/// <summary>KfpTemplateRegistry against the KFP contract server, in both of its forms.</summary>
public sealed class KfpTemplateRegistryContractTests(ITestOutputHelper output)
{
    public static TheoryData<string> Forms => [KfpRegistryFixture.Generic, KfpRegistryFixture.ArtifactRegistry];

    [Theory, MemberData(nameof(Forms))]
    public async Task Push_then_get_by_tag_and_by_version_and_list(string form)
    {
        await using var fixture = await KfpRegistryFixture.StartAsync();
        var registry = fixture.Client(form);
        var ir = KfpRegistryFixture.Ir("churn-training");

        var version = await registry.PushAsync("churn-training", ir, ["1.0.0", "latest"]);

        Assert.Equal(ContentDigest.Compute(ir), version);
        Assert.Equal(ir, await registry.GetAsync("churn-training", "1.0.0"));
        Assert.Equal(ir, await registry.GetAsync("churn-training", "latest"));
        Assert.Equal(ir, await registry.GetAsync("churn-training", version.ToString()));
        Assert.Equal([new PipelineTemplateTag("1.0.0", version), new PipelineTemplateTag("latest", version)], await registry.ListTagsAsync("churn-training"));
        Assert.Equal(["churn-training"], await registry.ListPackagesAsync());
        Assert.Single(fixture.Uploads);
    }

    [Theory, MemberData(nameof(Forms))]
    public async Task Pushing_the_same_bytes_again_uploads_nothing_and_moves_only_the_tags_that_changed(string form)
    {
        await using var fixture = await KfpRegistryFixture.StartAsync();
        var registry = fixture.Client(form);
        var ir = KfpRegistryFixture.Ir("churn-training");
        var version = await registry.PushAsync("churn-training", ir, ["1.0.0", "latest"]);
        fixture.Server.ClearRequests();

        var again = await registry.PushAsync("churn-training", ir, ["1.0.0", "latest", "stable"]);

        Assert.Equal(version, again);
        Assert.Empty(fixture.Uploads);
        var tagWrite = Assert.Single(fixture.TagWrites);
        Assert.EndsWith("tagId=stable", tagWrite.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_forms_see_one_store()
    {
        await using var fixture = await KfpRegistryFixture.StartAsync();
        var ir = KfpRegistryFixture.Ir("shared-pipeline");
        var version = await fixture.Client(KfpRegistryFixture.ArtifactRegistry).PushAsync("shared-pipeline", ir, ["2.0.0"]);

        var generic = fixture.Client(KfpRegistryFixture.Generic);
        Assert.Equal(ir, await generic.GetAsync("shared-pipeline", "2.0.0"));
        Assert.Equal([new PipelineTemplateTag("2.0.0", version)], await generic.ListTagsAsync("shared-pipeline"));
    }

    [Theory, MemberData(nameof(Forms))]
    public async Task Artifact_registry_form_sends_management_calls_to_the_rest_api(string form)
    {
        await using var fixture = await KfpRegistryFixture.StartAsync();
        await fixture.Client(form).PushAsync("routed", KfpRegistryFixture.Ir("routed"), ["1.0.0"]);

        var tagCreate = Assert.Single(fixture.TagWrites);
        Assert.Equal("POST", tagCreate.Method);
        var expected = form == KfpRegistryFixture.ArtifactRegistry
            ? "/v1/projects/acme/locations/europe-west4/repositories/pipelines/packages/routed/tags?tagId=1.0.0"
            : "/acme/pipelines/packages/routed/tags?tagId=1.0.0";
        Assert.Equal(expected, tagCreate.PathAndQuery);
        Assert.StartsWith(form == KfpRegistryFixture.ArtifactRegistry ? "Bearer " : "Basic ", tagCreate.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_real_ir_round_trips_byte_for_byte()
    {
        var corpus = SharedFolder.Require("kfp-ir-corpus/pipelines/pipeline_with_after.yaml", output);
        if (corpus is null)
        {
            return;
        }
        await using var fixture = await KfpRegistryFixture.StartAsync();
        var registry = fixture.Client(KfpRegistryFixture.ArtifactRegistry);
        var ir = await File.ReadAllBytesAsync(corpus);

        var version = await registry.PushAsync("pipeline-with-after", ir, ["0.1.0"]);

        Assert.Equal(ir, await registry.GetAsync("pipeline-with-after", version.ToString()));
        Assert.Equal(ir, await registry.GetAsync("pipeline-with-after", "0.1.0"));
    }

    [Theory, MemberData(nameof(Forms))]
    public async Task Republishing_identical_bytes_changes_nothing(string form)
    {
        await using var fixture = await KfpRegistryFixture.StartAsync();
        var registry = fixture.Client(form);
        var ir = KfpRegistryFixture.Ir("repeat");
        var first = await registry.PushAsync("repeat", ir, ["1.0.0", "latest"]);
        var tagsBefore = await registry.ListTagsAsync("repeat");
        fixture.Server.ClearRequests();

        var second = await registry.PushAsync("repeat", ir, ["1.0.0", "latest"]);

        Assert.Equal(first, second);
        Assert.Empty(fixture.TagWrites);
        Assert.Equal(tagsBefore, await registry.ListTagsAsync("repeat"));
    }

    [Theory, MemberData(nameof(Forms))]
    public async Task A_version_tag_on_other_bytes_is_refused_and_nothing_is_uploaded(string form)
    {
        await using var fixture = await KfpRegistryFixture.StartAsync();
        var registry = fixture.Client(form);
        var published = await registry.PushAsync("fixed", KfpRegistryFixture.Ir("fixed", "a"), ["1.0.0", "latest"]);
        fixture.Server.ClearRequests();

        var refused = await Assert.ThrowsAsync<ImmutableVersionException>(() => registry.PushAsync("fixed", KfpRegistryFixture.Ir("fixed", "b"), ["1.0.0", "latest"]));

        Assert.Equal(ErrorCodes.Registries.TemplateVersionImmutable, refused.Code);
        Assert.Equal("1.0.0", refused.Version);
        Assert.Empty(fixture.Uploads);
        Assert.Empty(fixture.TagWrites);
        Assert.Equal([new PipelineTemplateTag("1.0.0", published), new PipelineTemplateTag("latest", published)], await registry.ListTagsAsync("fixed"));
    }

    [Theory, MemberData(nameof(Forms))]
    public async Task Latest_moves_and_a_version_tag_stays(string form)
    {
        await using var fixture = await KfpRegistryFixture.StartAsync();
        var registry = fixture.Client(form);
        var first = await registry.PushAsync("moving", KfpRegistryFixture.Ir("moving", "a"), ["1.0.0", "latest"]);
        fixture.Server.ClearRequests();

        var second = await registry.PushAsync("moving", KfpRegistryFixture.Ir("moving", "b"), ["1.1.0", "latest"]);

        Assert.NotEqual(first, second);
        Assert.Equal(
            [new PipelineTemplateTag("1.0.0", first), new PipelineTemplateTag("1.1.0", second), new PipelineTemplateTag("latest", second)],
            await registry.ListTagsAsync("moving"));
        Assert.Contains(fixture.TagWrites, r => r.Method == "PATCH" && r.PathAndQuery.EndsWith("/tags/latest?updateMask=version", StringComparison.Ordinal));
        Assert.Equal(KfpRegistryFixture.Ir("moving", "a"), await registry.GetAsync("moving", "1.0.0"));
    }

    [Theory, MemberData(nameof(Forms))]
    public async Task Lists_page_through_a_small_page_size(string form)
    {
        await using var fixture = await KfpRegistryFixture.StartAsync();
        var registry = fixture.Client(form, pageSize: 2);
        var names = new[] { "p-a", "p-b", "p-c", "p-d", "p-e" };
        foreach (var name in names)
        {
            await registry.PushAsync(name, KfpRegistryFixture.Ir(name), []);
        }
        await registry.PushAsync("p-a", KfpRegistryFixture.Ir("p-a"), ["1.0.0", "1.0.1", "1.0.2", "latest", "stable"]);
        fixture.Server.ClearRequests();

        Assert.Equal(names, await registry.ListPackagesAsync());
        Assert.Equal(["1.0.0", "1.0.1", "1.0.2", "latest", "stable"], (await registry.ListTagsAsync("p-a")).Select(t => t.Name));
        Assert.Equal(6, fixture.Server.Requests.Count(r => r.Method == "GET"));
        Assert.Equal(4, fixture.Server.Requests.Count(r => r.PathAndQuery.Contains("pageToken=", StringComparison.Ordinal)));
    }

    [Theory, MemberData(nameof(Forms))]
    public async Task Missing_packages_tags_and_versions_are_not_found(string form)
    {
        await using var fixture = await KfpRegistryFixture.StartAsync();
        var registry = fixture.Client(form);
        await registry.PushAsync("present", KfpRegistryFixture.Ir("present"), ["1.0.0"]);

        Assert.Equal(ErrorCodes.Registries.NotFound, (await Assert.ThrowsAsync<RegistryException>(() => registry.ListTagsAsync("absent"))).Code);
        var noTag = await Assert.ThrowsAsync<RegistryException>(() => registry.GetAsync("present", "9.9.9"));
        Assert.Equal(ErrorCodes.Registries.NotFound, noTag.Code);
        Assert.Contains(registry.Location, noTag.Message, StringComparison.Ordinal);
        var noVersion = await Assert.ThrowsAsync<RegistryException>(() => registry.GetAsync("present", ContentDigest.Compute("other"u8).ToString()));
        Assert.Equal(ErrorCodes.Registries.NotFound, noVersion.Code);
    }

    [Fact]
    public async Task A_package_other_than_the_pipelines_name_is_reported()
    {
        await using var fixture = await KfpRegistryFixture.StartAsync();
        var registry = fixture.Client(KfpRegistryFixture.Generic);

        var error = await Assert.ThrowsAsync<RegistryException>(() => registry.PushAsync("published-name", KfpRegistryFixture.Ir("ir-name"), []));

        Assert.Equal(ErrorCodes.Registries.KfpUnexpectedAnswer, error.Code);
        Assert.Contains("'ir-name'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_multi_document_file_is_refused_by_the_server()
    {
        await using var fixture = await KfpRegistryFixture.StartAsync();
        var ir = KfpRegistryFixture.Ir("two-docs").Concat("---\nplatforms:\n  kubernetes: {}\n"u8.ToArray()).ToArray();

        var error = await Assert.ThrowsAsync<RegistryException>(() => fixture.Client(KfpRegistryFixture.Generic).PushAsync("two-docs", ir, []));

        Assert.Equal(ErrorCodes.Registries.KfpRequestFailed, error.Code);
        Assert.Contains("400", error.Message, StringComparison.Ordinal);
        Assert.Contains("more than one YAML document", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restarted_server_serves_what_it_stored()
    {
        var storage = new TempFolder("mlops-kfp-");
        ContentDigest version;
        await using (var first = await KfpRegistryFixture.StartAsync(storage))
        {
            version = await first.Client(KfpRegistryFixture.Generic).PushAsync("kept", KfpRegistryFixture.Ir("kept"), ["1.0.0"]);
            await first.Server.DisposeAsync();
            Directory.CreateDirectory(storage.Path);
            await using var restarted = new ContractServers.Kfp.KfpRegistryServer(storage.Path, KfpRegistryFixture.User, KfpRegistryFixture.Password);
            await restarted.StartAsync();
            var client = new KfpTemplateRegistry(restarted.RepositoryUrl("acme", "pipelines"), first.Http,
                new Python.FixedCredentialProvider(restarted.BaseUri.Authority, Auth.RegistryCredential.Basic(KfpRegistryFixture.User, KfpRegistryFixture.Password, "test")));

            Assert.Equal(KfpRegistryFixture.Ir("kept"), await client.GetAsync("kept", "1.0.0"));
            Assert.Equal([new PipelineTemplateTag("1.0.0", version)], await client.ListTagsAsync("kept"));
        }
    }
}
