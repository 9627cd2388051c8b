using System.Text.Json.Nodes;

namespace Mlops.ContractServers.Vertex;

/// <summary>A pipeline job the server holds: played out as it is read (<see cref="SimulatedPipelineJob"/>) or really run (<see cref="ExecutedPipelineJob"/>).</summary>
internal interface IPipelineJob
{
    string Id { get; }

    DateTimeOffset Created { get; }

    /// <summary>The PipelineJob resource as the API answers it (a copy).</summary>
    JsonObject Json { get; }

    /// <summary>Called on each read: a simulated job takes a step; a real one has moved on by itself.</summary>
    void Advance();

    /// <summary>Asks the job to stop; false when it already ended.</summary>
    bool Cancel();
}
