class profile::radius {
  freeradius::client { 'wifi-controller':
    ip     => '10.20.9.2',
    secret => Sensitive('pxvX-7SV0no#lU9.zhFoVz'),
  }
  user { 'svc-backup':
    ensure   => present,
    password => '$6$GpRJu8o/eDMOdYdp$S2pR5l18.4G9eYgR0pnoi0z36gZlqVRc0gVJsUxXegELtVxDA6aoLvW8xFfWQPJE5gOpKl/IBKW4JMymcmDEow',
  }
}
