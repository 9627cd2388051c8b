using Mlops.Sdk.Tests.Catalog;

namespace Mlops.Sdk.Tests.Evaluation;

/// <summary>What a repository can hook into: the Custom*MlopsSdk* imports, the DependsOn lists, where the SDK's code is.</summary>
public sealed class ExtensionPointTests
{
    [Fact]
    public void Every_import_hook_of_the_catalog_is_imported_where_it_says()
    {
        using var project = new SdkProject("""
              <PropertyGroup>
                <CustomBeforeMlopsSdkTargets>$(MSBuildThisFileDirectory)hooks/before.targets</CustomBeforeMlopsSdkTargets>
                <CustomAfterMlopsSdkTargets>$(MSBuildThisFileDirectory)hooks/after.targets</CustomAfterMlopsSdkTargets>
              </PropertyGroup>
            """);
        project.Write("Directory.Build.props", """
            <Project>
              <PropertyGroup>
                <CustomAfterMlopsSdkProps>$(MSBuildThisFileDirectory)hooks/after.props</CustomAfterMlopsSdkProps>
              </PropertyGroup>
            </Project>
            """);
        // Each hook records what it saw of the SDK when it was imported.
        project.Write("hooks/before.props", Hook("BeforeProps", "$(UsingMlopsSdk)|$(Nullable)"));
        project.Write("hooks/after.props", Hook("AfterProps", "$(Nullable)|$(UsingMicrosoftNETSdk)"));
        project.Write("hooks/before.targets", Hook("BeforeTargets", "$(Nullable)|$(MlopsEmitPipelines)"));
        project.Write("hooks/after.targets", Hook("AfterTargets", "$(MlopsImageRepository)|$(MlopsPublishDependsOn)"));

        var evaluated = project.Evaluate(new Dictionary<string, string> { ["CustomBeforeMlopsSdkProps"] = Path.Combine(project.Directory, "hooks", "before.props") });

        Assert.Equal("true|", evaluated.GetPropertyValue("HookBeforeProps"));
        Assert.Equal("enable|true", evaluated.GetPropertyValue("HookAfterProps"));
        Assert.Equal("enable|", evaluated.GetPropertyValue("HookBeforeTargets"));
        Assert.Equal("localhost/team|_MlopsCheckPublishSwitches;_MlopsResolveComponents;", evaluated.GetPropertyValue("HookAfterTargets"));
        var hooks = PropertyCatalog.Source.Properties.Where(p => p.Type == "file").Select(p => p.Name).Order();
        Assert.Equal(["CustomAfterMlopsSdkProps", "CustomAfterMlopsSdkTargets", "CustomBeforeMlopsSdkProps", "CustomBeforeMlopsSdkTargets"], hooks);
    }

    [Fact]
    public void A_hook_that_names_no_file_is_not_imported()
    {
        using var project = new SdkProject("""
              <PropertyGroup>
                <CustomAfterMlopsSdkTargets>$(MSBuildThisFileDirectory)missing.targets</CustomAfterMlopsSdkTargets>
              </PropertyGroup>
            """);

        Assert.Equal("true", project.Evaluate().GetPropertyValue("MlopsEmitPipelines"));
    }

    [Fact]
    public void The_DependsOn_lists_keep_the_SDK_s_targets_first_and_the_project_s_after()
    {
        using var project = new SdkProject("""
              <PropertyGroup>
                <MlopsEmitPipelinesDependsOn>CheckA</MlopsEmitPipelinesDependsOn>
                <MlopsRestoreSubPipelinesDependsOn>CheckB</MlopsRestoreSubPipelinesDependsOn>
                <MlopsPackModelDependsOn>CheckC</MlopsPackModelDependsOn>
                <MlopsPublishDependsOn>CheckD</MlopsPublishDependsOn>
              </PropertyGroup>
            """);

        var evaluated = project.Evaluate();

        Assert.Equal("_MlopsPrepareEmit;CheckA", evaluated.GetPropertyValue("MlopsEmitPipelinesDependsOn"));
        Assert.Equal("_MlopsPrepareSubPipelineRestore;CheckB", evaluated.GetPropertyValue("MlopsRestoreSubPipelinesDependsOn"));
        Assert.Equal("_MlopsResolveComponents;Build;CheckC", evaluated.GetPropertyValue("MlopsPackModelDependsOn"));
        Assert.Equal("_MlopsCheckPublishSwitches;_MlopsResolveComponents;CheckD", evaluated.GetPropertyValue("MlopsPublishDependsOn"));
        Assert.Equal("_MlopsPrepareEmit;CheckA", evaluated.Targets["MlopsEmitPipelines"].DependsOnTargets.Replace("$(MlopsEmitPipelinesDependsOn)", evaluated.GetPropertyValue("MlopsEmitPipelinesDependsOn")));
    }

    [Fact]
    public void The_tool_and_the_tasks_can_be_taken_from_elsewhere()
    {
        using var project = new SdkProject("""
              <PropertyGroup>
                <MlopsSdkToolPath>/opt/mlops/Mlops.Sdk.Tool.dll</MlopsSdkToolPath>
                <MlopsSdkTasksAssembly>/opt/mlops/Mlops.Sdk.Tasks.dll</MlopsSdkTasksAssembly>
              </PropertyGroup>
            """);
        using var defaults = new SdkProject();

        var evaluated = project.Evaluate();
        var byDefault = defaults.Evaluate();

        Assert.Equal("/opt/mlops/Mlops.Sdk.Tool.dll", evaluated.GetPropertyValue("MlopsSdkToolPath"));
        Assert.Equal("/opt/mlops/Mlops.Sdk.Tasks.dll", evaluated.GetPropertyValue("MlopsSdkTasksAssembly"));
        Assert.Equal(Path.Combine(Support.RepositoryPaths.SdkDirectory, "tools", "net10.0", "Mlops.Sdk.Tool.dll"), byDefault.GetPropertyValue("MlopsSdkToolPath"));
        Assert.Equal(Path.Combine(Support.RepositoryPaths.SdkDirectory, "tasks", "netstandard2.0", "Mlops.Sdk.Tasks.dll"), byDefault.GetPropertyValue("MlopsSdkTasksAssembly"));
    }

    [Fact]
    public void The_native_tool_runs_publish_and_the_portable_build_beside_it_every_other_verb()
    {
        using var native = new SdkProject("""
              <PropertyGroup>
                <MlopsSdkToolPath>$(MlopsSdkDirectory)tools/$(NETCoreSdkRuntimeIdentifier)/Mlops.Sdk.Tool</MlopsSdkToolPath>
                <MlopsSdkToolPath Condition="$([MSBuild]::IsOSPlatform('Windows'))">$(MlopsSdkToolPath).exe</MlopsSdkToolPath>
              </PropertyGroup>
            """);
        using var elsewhere = new SdkProject("""
              <PropertyGroup>
                <MlopsSdkToolPath>/opt/mlops/Mlops.Sdk.Tool.dll</MlopsSdkToolPath>
              </PropertyGroup>
            """);

        var evaluated = native.Evaluate();
        var other = elsewhere.Evaluate();

        Assert.Equal(Path.Combine(Support.RepositoryPaths.SdkDirectory, "tools", "net10.0", "Mlops.Sdk.Tool.dll"), evaluated.GetPropertyValue("_MlopsPortableSdkToolPath"));
        Assert.Equal("/opt/mlops/Mlops.Sdk.Tool.dll", other.GetPropertyValue("_MlopsPortableSdkToolPath"));
    }

    private static string Hook(string name, string seen) => $"""
        <Project>
          <PropertyGroup>
            <Hook{name}>{seen}</Hook{name}>
          </PropertyGroup>
        </Project>
        """;
}
