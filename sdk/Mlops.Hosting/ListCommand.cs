using System.CommandLine;
using System.Reflection;

namespace Mlops.Pipelines.Hosting;

/// <summary><c>list</c>: the pipelines of this project, with their descriptions.</summary>
internal static class ListCommand
{
    public static Command Create(Assembly assembly)
    {
        var command = new Command("list", "Lists the pipelines of this project.");
        command.SetAction(_ =>
        {
            foreach (var entry in PipelineCatalog.Discover(assembly))
            {
                Console.WriteLine(entry.Description is null ? entry.Name : $"{entry.Name}\t{entry.Description}");
            }
            return 0;
        });
        return command;
    }
}
