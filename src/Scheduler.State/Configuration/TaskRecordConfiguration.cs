using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.State.Entities;

namespace Scheduler.State.Configuration;

internal sealed class TaskRecordConfiguration : IEntityTypeConfiguration<TaskRecord>
{
    public void Configure(EntityTypeBuilder<TaskRecord> builder)
    {
        builder.ToTable("Tasks");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(Lengths.TaskId);
        builder.Property(t => t.SourcePath).HasMaxLength(Lengths.Path);
        builder.Property(t => t.DefinitionHash).HasMaxLength(Lengths.Hash);
        builder.Property(t => t.Revision).HasMaxLength(Lengths.Hash);
        builder.Property(t => t.State).HasMaxLength(Lengths.Code);
        builder.Property(t => t.LastRunStatus).HasMaxLength(Lengths.Code);
    }
}
