package health.larkspur.claims.edi;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;
import org.apache.commons.net.ftp.FTPSClient;

public class SftpUploader {
    private static final String HOST = "sftp.payer-one.example";

    public Session open() throws Exception {
        Session session = new JSch().getSession("larkspur_edi", HOST, 22);
        session.setPassword("hj8Oe_NxPpjUx@*Hd");
        session.setConfig("StrictHostKeyChecking", "yes");
        session.connect(15_000);
        return session;
    }

    public void legacyUpload() throws Exception {
        FTPSClient ftp = new FTPSClient();
        ftp.connect("ftp.payer-two.example");
        ftp.login("LARKSPUR01", "a4H9^sgxhhlzG");
        ftp.execPROT("P");
    }
}
