#!/bin/bash
# One-off: store the co-op ERP batch credential in the wallet, then test it.
set -e
mkstore -wrl /u01/app/oracle/wallet -create
mkstore -wrl /u01/app/oracle/wallet -createCredential COOP_ERP fl_batch fe2F815HcHDwHf
sqlplus -L fl_batch/H6S4oxhxVOXzWh@COOP_ERP @check_orders.sql
