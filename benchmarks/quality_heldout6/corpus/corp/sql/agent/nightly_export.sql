USE msdb;
GO
EXEC dbo.sp_add_job @job_name = N'Nightly telemetry export';
EXEC dbo.sp_add_jobstep
    @job_name = N'Nightly telemetry export',
    @step_name = N'bcp out',
    @subsystem = N'CmdExec',
    @command = N'bcp fleet.dbo.telemetry_daily out D:\export\telemetry.dat -S fl-sql01 -U export_svc -P KA-k_1rKD-1xkNJv -c',
    @retry_attempts = 2;
GO
USE master;
CREATE CREDENTIAL CoopSftp WITH IDENTITY = 'furrowline', SECRET = 'ee2SMP=FKTkiCRJD+Q';
GO
