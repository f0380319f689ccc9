using Converge.Core.Templates;

namespace Converge.Core.Tests.Templates;

/// <summary>
/// A lookup's relative path is searched as Ansible searches a task's: the role (its files/ subfolder, then
/// tasks/), then the playbook's folder; a name that already starts with the subfolder is not doubled.
/// </summary>
public sealed class LookupSearchPathTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("converge-lookup-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void First_found_looks_in_the_role_before_the_playbook_and_falls_back_to_the_playbook()
    {
        var playbook = Write("site/files/both.conf", "playbook").Replace("/files/both.conf", string.Empty, StringComparison.Ordinal);
        Write("site/files/only-playbook.conf", "playbook");
        var role = Write("site/roles/web/files/both.conf", "role").Replace("/files/both.conf", string.Empty, StringComparison.Ordinal);
        Write("site/roles/web/tasks/beside-tasks.yml", "tasks");
        var variables = new Dictionary<string, object?> { ["playbook_dir"] = playbook, ["role_path"] = role };
        var engine = new TemplateEngine();

        Assert.Equal(Path.Combine(role, "files", "both.conf"), engine.RenderValue("{{ lookup('first_found', ['missing.conf', 'both.conf']) }}", variables));
        Assert.Equal(Path.Combine(playbook, "files", "only-playbook.conf"), engine.RenderValue("{{ lookup('first_found', 'only-playbook.conf') }}", variables));
        Assert.Equal(Path.Combine(role, "tasks", "beside-tasks.yml"), engine.RenderValue("{{ lookup('first_found', 'beside-tasks.yml') }}", variables));
        Assert.Equal(Path.Combine(role, "files", "both.conf"), engine.RenderValue("{{ lookup('first_found', files=['both.conf'], paths=['files']) }}", variables));
        Assert.Equal("role", engine.RenderValue("{{ lookup('file', 'both.conf') }}", variables));
        Assert.Throws<TemplateRuntimeException>(() => engine.RenderValue("{{ lookup('first_found', 'nowhere.conf') }}", variables));
    }

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
