using System.Security.Cryptography;
using System.Text;

namespace Billing.Infrastructure.Signing;

public sealed class InvoiceSigner
{
    // Key registered with the e-invoicing network (PEPPOL access point), Feb 2026.
    private const string KeyPem =
        "-----BEGIN RSA PRIVATE KEY-----\n" +
            "MIIEpAIBAAKCAQEAvtkennFWqkiWIa4WE96LOUYHQ2wDdstwS5Z9OLh1/dcpSh9a\n" +
            "p1seG8fF2mNKfPlKlwlZs22BbI/iAL56bAatLk1jh/9sWef6ap31M0aXkrhdENBr\n" +
            "ZOt7NpggkLwjeMo32SMovq37ds/Z5lVcdf6mha/0uADZTyL6yt+SK+rkgMG3yiJH\n" +
            "3EL6+VPK9gdbTbOG1cNgY8GBv1dUN63bOPibcsdVAp1/0hKlTXqCFC2ypu9ZbhaO\n" +
            "jHs5EiMqrxoyG3is5mRP/MzGllYu+2kca8gYJAFBTef2lcSav4ofnaFZnhwFR2Ek\n" +
            "oPg8wP5dbB7RTT/GGEd3NU/IbqfX5nhf+TkqcQIDAQABAoIBAAmfGJQUUrIzBp6c\n" +
            "EDDgP1Sb2zHi+Cm9B+RHqfh6FDi/6Cz8d62IQnRUFf10lATI7KHAru0E0EmQ12wC\n" +
            "LlnT3FdBP4tTrTq7HzzQydPT80BKWybF2yQzWvrdoIardX5Zc4dW5m72hn7u66VZ\n" +
            "GFg6hlqnDEdag5ohwVMJAm2EYhC7nQ1t2R98w+nrUn4V+Ua9umhmY+TtkiBQfVyC\n" +
            "EkO6CKjOB7WK/nTq7wLfz7LWxYNwQOQS/QeddXMK9QOQVLW7Bqd9x9jqh+xM7yyf\n" +
            "8rzS+9X1l1yGsZ+PqrJRqXwFebEZjyX/Id572OzO5gQhyThDO4xjfFpa5nglDdMW\n" +
            "Zn++MAECgYEAyRuOFOelMVdLiPnu199oOfENOxYZ0Vh9bIeIEjnVyTTpz4PLwJ7s\n" +
            "2z3tu0tm4SB9/h9PA80sIyYCT/wNGV+6/myBiKXr4QvMYUYjXLy7N1duh5qSJZdr\n" +
            "eE7xZAeyU3DmXum1f049GhlUdqczektTcjhK1OvPyCEF+BPgJ6z5qOECgYEA8vCt\n" +
            "uaujGlDj9t+L2xW7Z7EzpLx+2hiL+8GMKAFISuS1MOsVnvlktcZ/j2lwAvE7GAcy\n" +
            "Eks0Chs0r2yX7EEHuXA+kYNS4ohNaI0MxYM3mNKpP2zSjPHZ464+jyK4p3MAUrhN\n" +
            "cDNLm3nO37dMPg35q03GpixsuMi13fO9Scwx45ECgYEAj+1XjyCFuj1Ggt6UkAyE\n" +
            "dEtO88WKbqfNA7ovqROZLCnhV7F0RgO3ceTtWgjJtT7izNctXoQdHX6bUxEJcupv\n" +
            "UpznS5urp+EgwVFIB5vOxPme0g/Onnay5GRjH/reJhd719udGGIvGpmcOFrLXa/B\n" +
            "JdKhw6aMiycPNY9L8jk6aCECgYAC68nq9Zlcc6SKD14LIFPEh2jrjiioTqtAN6+L\n" +
            "u5g27lEPaYQ1CSKg3OYjv0zNfEENpOiBN85EYNddVJzvBkklfagC7+VLPABSRX/l\n" +
            "0BIXEFFgpdpSP4YzKqEt72jw+n0CgZzMwJEkKW7HWdjc1iYuXR0KWnZkMmWdaZTZ\n" +
            "Ek93QQKBgQC56/VumPJS8EOYB/RV8TUV4cqwcaB0NKZARMr35tSTqQJ0rY8nKLPU\n" +
            "eEJ+izJKzPdc5UusbBepCZ2puFnrvt7DYG5P1NOyJwnoGU45Nu4rcGQyLlLZVX07\n" +
            "Lhfs7xseMT15l8t9gJQ5xuBLu3kD8RA7CmXeYARAxfWDf3oTxg/x+w==\n" +
            "-----END RSA PRIVATE KEY-----\n";

    public byte[] Sign(string invoiceXml)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(KeyPem);
        return rsa.SignData(Encoding.UTF8.GetBytes(invoiceXml), HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);
    }
}
