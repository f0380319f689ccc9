using Converge.Core.Diagnostics;
using Converge.Modules.Copy;
using Converge.Modules.Template;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Copy;

/// <summary>copy's and template's <c>force: no</c>, copy's <c>validate</c>, template's <c>validate</c> and <c>newline_sequence</c>, on real files.</summary>
public sealed class CopyForceAndValidateTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Force_no_creates_a_missing_file_and_leaves_an_existing_one_alone()
    {
        var path = _host.PathOf("local.conf");
        var parameters = new CopyParams { Dest = path, Content = "default\n", Force = false, Mode = "0600" };

        await _host.ConvergeAsync(new CopyModule(), parameters);
        await File.WriteAllTextAsync(path, "edited by hand\n");
        var plan = await _host.CheckAsync(new CopyModule(), parameters);

        Assert.False(plan.IsDrift, plan.Reason);
        Assert.Equal("edited by hand\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Template_force_no_creates_a_missing_file_and_leaves_an_existing_one_alone()
    {
        Directory.CreateDirectory(Path.Combine(_host.PlaybookDirectory, "templates"));
        await File.WriteAllTextAsync(Path.Combine(_host.PlaybookDirectory, "templates", "local.conf.j2"), "default\n");
        var path = _host.PathOf("local.conf");
        var parameters = new TemplateParams { Src = "local.conf.j2", Dest = path, Force = false, Mode = "0600" };

        await _host.ConvergeAsync(new TemplateModule(), parameters);
        var created = await File.ReadAllTextAsync(path);
        await File.WriteAllTextAsync(path, "edited by hand\n");
        var plan = await _host.CheckAsync(new TemplateModule(), parameters);

        Assert.Equal("default\n", created);
        Assert.False(plan.IsDrift, plan.Reason);
        Assert.Equal("edited by hand\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Validate_refuses_content_its_command_rejects()
    {
        var path = _host.PathOf("app.json");

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.ConvergeAsync(new CopyModule(), new CopyParams { Dest = path, Content = "{ broken", Validate = "grep -q valid %s" }));

        Assert.Contains("failed validation", error.Message);
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(_host.Target));
    }

    [Fact]
    public async Task A_template_is_written_with_the_newline_sequence_asked_for_and_then_in_sync()
    {
        Directory.CreateDirectory(Path.Combine(_host.PlaybookDirectory, "templates"));
        await File.WriteAllTextAsync(Path.Combine(_host.PlaybookDirectory, "templates", "win.ini"), "a=1\nb=2\n");
        var parameters = new TemplateParams { Src = "win.ini", Dest = _host.PathOf("win.ini"), NewlineSequence = "\\r\\n", Validate = "grep -q b=2 %s" };

        await _host.ConvergeAsync(new TemplateModule(), parameters);
        var again = await _host.CheckAsync(new TemplateModule(), parameters);

        Assert.Equal("a=1\r\nb=2\r\n", await File.ReadAllTextAsync(_host.PathOf("win.ini")));
        Assert.False(again.IsDrift, again.Reason);
    }

    [Fact]
    public async Task A_template_with_force_no_leaves_an_existing_file_alone()
    {
        Directory.CreateDirectory(Path.Combine(_host.PlaybookDirectory, "templates"));
        await File.WriteAllTextAsync(Path.Combine(_host.PlaybookDirectory, "templates", "my.cnf"), "[mysqld]\n");
        var path = _host.PathOf("my.cnf");
        await File.WriteAllTextAsync(path, "tuned by hand\n");

        var plan = await _host.CheckAsync(new TemplateModule(), new TemplateParams { Src = "my.cnf", Dest = path, Force = false });
        var created = await _host.ConvergeAsync(new TemplateModule(), new TemplateParams { Src = "my.cnf", Dest = _host.PathOf("new.cnf"), Force = false });

        Assert.False(plan.IsDrift, plan.Reason);
        Assert.Equal("tuned by hand\n", await File.ReadAllTextAsync(path));
        Assert.Equal("[mysqld]\n", await File.ReadAllTextAsync(_host.PathOf("new.cnf")));
    }
}
