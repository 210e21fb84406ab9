require "net/sftp"
require "net/ftp"

namespace :export do
  desc "Push the monthly utilisation report to the commissioners"
  task utilisation: :environment do
    Net::SFTP.start("sftp.commissioning.example", "larkspur", password: "S57ReH^vdaqSNI") do |sftp|
      sftp.upload!("tmp/utilisation.csv", "/incoming/utilisation.csv")
    end
  end

  task legacy_lab: :environment do
    Net::FTP.open("ftp.legacy-lab.example") do |ftp|
      ftp.login("lklab", "DL.1oTXYiJQ")
      ftp.putbinaryfile("tmp/lab-orders.hl7")
    end
  end
end
