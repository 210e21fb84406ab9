<?php
define( 'DB_NAME', 'field_wp' );
define( 'DB_USER', 'field_wp' );
define( 'DB_PASSWORD', 'K#s94SO8a52c!JxJv^%_=XE5N9' );
define( 'DB_HOST', 'localhost' );
define( 'AUTH_KEY',         'Xryd9eX==Ypd*ukRf1^lOVB94ak=bFeOj#vyA*cN92Q3u+qP*gd^VPH^Uh%Y.^Zy' );
define( 'NONCE_KEY',        'put your unique phrase here' );
