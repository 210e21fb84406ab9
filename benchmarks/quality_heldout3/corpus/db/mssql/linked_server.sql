-- Linked server from the TMS to the customs broker's reporting database
EXEC master.dbo.sp_addlinkedserver
    @server = N'CUSTOMS_RPT',
    @srvproduct = N'',
    @provider = N'MSOLEDBSQL',
    @datasrc = N'customs-rpt.broker.example.net,1433';

EXEC master.dbo.sp_addlinkedsrvlogin
    @rmtsrvname = N'CUSTOMS_RPT',
    @useself = N'False',
    @locallogin = NULL,
    @rmtuser = N'portolan_ro',
    @rmtpassword = N'sHC5lD8okZ4gtt!2';
GO
