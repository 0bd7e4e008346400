# Textos de la interfaz de Cercle (español). Cada clave existe en en, fr, es y ar: una prueba lo comprueba.
# Los textos para niñas y niños (child-*) los leen menores de 6 a 17 años: frases cortas, cálidas y palabras sencillas.

app-name = Cercle
app-tagline = La voz de la infancia, escuchada de forma segura

## Facilitator home
home-forms = Formularios
home-start = Iniciar una sesión
home-unfinished = Sesiones sin terminar
home-finalised = Sesiones finalizadas
home-resume = Reanudar
home-review = Revisar
home-none-unfinished = No hay sesiones sin terminar.
home-none-finalised = Todavía no hay sesiones finalizadas.
home-interface-language = Idioma de la interfaz
home-about = Acerca de
home-builtin = Integrado
session-answered = { $count ->
    [one] { $count } respuesta
   *[other] { $count } respuestas
}
session-code = Código { $code }
session-in-progress = En curso
session-finalised = Finalizada

## Starting a session
start-title = Nueva sesión
start-form = Formulario
start-language = Idioma de la sesión
start-age-band = Rango de edad del niño o la niña
start-age-help = Pregunte solo el rango de edad, nunca la edad exacta ni la fecha de nacimiento.
start-begin = Dar la tableta al niño o niña
start-cancel = Cancelar
age-band-6-7 = de 6 a 7 años
age-band-8-12 = de 8 a 12 años
age-band-13-17 = de 13 a 17 años

## Child mode
child-next = Siguiente
child-back = Atrás
child-finish = Terminar
child-rather-not-say = Prefiero no decirlo
child-dont-know = No sé
child-listen = Escuchar
child-no-sound = Esta tableta no puede reproducir sonido ahora. Puedes pedirle a la persona adulta que te lo lea.
child-audio-unreadable = Esta grabación no se puede reproducir. Puedes pedirle a la persona adulta que te lo lea.
child-talk = Quiero hablar con alguien
child-progress = { $current } de { $total }
child-choose-many = Puedes elegir más de una.
child-type-here = Escribe aquí si quieres
child-less = Menos
child-more = Más
child-required = Elige una respuesta o toca «Prefiero no decirlo».
child-out-of-range = Elige un número del { $min } al { $max }.
child-too-long = Es un poco largo. ¿Puedes hacerlo más corto?
child-not-a-number = Escribe un número, por ejemplo 3 o 2.5.
child-not-a-date = Escribe una fecha así: 2026-03-15.
child-not-accepted = Esa respuesta no sirve aquí. Prueba con otra.
child-thanks-title = ¡Gracias!
child-thanks-body = Tus respuestas ayudan a los adultos a entender lo que piensan los niños y las niñas. Devuelve la tableta a la persona adulta que te la dio.
child-help-title = Dónde pedir ayuda
child-help-body = Si algo te preocupa o alguien te hace daño, no es tu culpa. Puedes hablar con la persona adulta que está hoy contigo o con otra persona adulta en quien confíes.
child-talk-title = Busquemos a alguien con quien hablar
child-talk-body = Dale la tableta a la persona adulta que está contigo. No has hecho nada malo y puedes parar cuando quieras.
child-talk-return = Volver a las preguntas
child-facilitator = Para la persona facilitadora
child-repeat-instance = { $label } · { $number }
child-repeat-count = { $count ->
    [0] Todavía no has añadido ninguno.
    [one] Has añadido uno.
   *[other] Has añadido { $count }.
}
child-repeat-add-first = Añadir uno
child-repeat-add = Añadir otro
child-repeat-remove = Quitar
child-repeat-keep = Dejarlo
child-repeat-remove-yes = Sí, quitarlo
child-repeat-done = Cuando termines, toca Siguiente.

## Review and finalise
review-title = Revisar la sesión
review-summary = Preguntas respondidas: { $answered } de { $total }
review-instance = { $question } ({ $number })
review-finalise = Finalizar
review-continue = Volver al modo infantil
review-home = Volver al inicio
review-rather-not-say = Prefiere no decirlo
review-dont-know = No sabe
review-not-answered = Sin respuesta
review-done = La sesión está finalizada y en la cola de envío: queda en esta tableta, cifrada, hasta que el servidor confirme que la tiene (ver Enviar).

## About
about-title = Acerca de Cercle
about-body = Cercle recoge las opiniones de niñas y niños sin conexión, en francés, inglés, español y árabe, y las mantiene anónimas. Nunca se pide nombre, fecha de nacimiento, dirección, número de teléfono ni foto.
about-back = Volver

## Problems
error-save = No se pudo guardar la respuesta ({ $detail }). Llama a la persona facilitadora; las respuestas que ya diste están guardadas.
error-finalise = La sesión no se finalizó ({ $detail }). Sus respuestas se conservan; inténtelo de nuevo.
error-open = No se pudieron abrir los datos: { $detail }

## The facilitator's lock (C7, C9)
lock-title-create = Elija la frase de contraseña de la persona facilitadora
lock-title-unlock = Escriba la frase de contraseña para desbloquear
lock-title-facilitator = Para la persona facilitadora: escriba la frase de contraseña
lock-rules = Al menos 10 caracteres, y al menos 5 distintos. Una frase corta es fácil de recordar y difícil de adivinar.
lock-warning = Anótela y guárdela en un lugar seguro. Si se olvida, nadie podrá recuperar los datos de este dispositivo.
lock-passphrase = Frase de contraseña
lock-confirm = Confirmar la frase de contraseña
lock-submit-create = Establecer la frase de contraseña
lock-submit-unlock = Desbloquear
lock-cancel = Volver al modo infantil
lock-mismatch = Las dos frases de contraseña no coinciden.
lock-wrong = Frase de contraseña incorrecta.
lock-wait = Demasiados intentos. Vuelva a intentarlo en { $seconds ->
    [one] 1 segundo.
   *[other] { $seconds } segundos.
}
pass-rule-length = La frase de contraseña debe tener al menos 10 caracteres.
pass-rule-variety = La frase de contraseña debe tener al menos 5 caracteres distintos.
home-lock = Bloquear

## Consent, assent, limits of confidentiality (C2, C3)
start-consent = El tutor o la tutora legal ha dado su consentimiento
start-consent-needed = Aquí, quienes tienen menos de { $age } años necesitan el consentimiento de su tutor o tutora legal. Confírmelo antes de empezar.
assent-title = ¿Quieres responder unas preguntas?
assent-body = Puedes decir que no. Puedes saltarte cualquier pregunta o parar cuando quieras, y no pasará nada malo.
assent-yes = Sí, quiero participar
assent-no = No, gracias
assent-declined = Está bien. ¡Gracias! Devuelve la tableta a la persona adulta.
limits-title = Qué pasa con tus respuestas
limits-body = Tus respuestas son privadas. Nunca escribimos tu nombre. Las personas adultas miran todas las respuestas juntas, no las tuyas por separado. Pero si nos cuentas que alguien te está haciendo daño, puede que la persona adulta tenga que contárselo a alguien que pueda ayudar a protegerte.
limits-ok = Entiendo

## Safeguarding, free text, withdrawal (C5, C6, C12)
review-concern = Se registró una preocupación de protección infantil en esta sesión.
review-add-concern = Registrar una preocupación
review-concern-note = Nota sobre la preocupación (se guarda aparte y nunca se exporta)
review-referral-title = Ruta de derivación
review-referral-steps = 1. Mantenga la calma y escuche. 2. No prometa guardar el secreto. 3. Informe hoy mismo al punto focal de protección del lugar. 4. Anote solo lo que dijo el niño o la niña, con sus propias palabras.
review-freetext-warning = Una respuesta puede contener datos que permiten identificar a alguien (un número de teléfono, un correo electrónico, un número largo o un nombre). Revísela y oculte esos datos antes de finalizar.
review-redact = Ocultar
review-finalise-confirm = Una respuesta marcada en rojo todavía puede identificar al niño o la niña. Ocúltela, o toque Finalizar otra vez para dejarla como está.
review-withdraw = Retirar a este niño o niña
home-withdraw = Retirar a un niño o niña
withdraw-code = Código de participante
withdraw-done = Se eliminaron de este dispositivo todos los datos de { $code }.
withdraw-unknown = No hay ninguna sesión con el código { $code } en este dispositivo.

## Importing forms on the device
home-import-where = Para añadir un formulario, coloque su XLSForm (.xlsx o .xls, o .zip con sus imágenes) en:
home-import = Importar
import-done = Formulario { $form } importado ({ $warnings ->
    [0] sin advertencias
    [one] 1 advertencia
   *[other] { $warnings } advertencias
}).
import-refused = { $file } no se importó: { $errors ->
    [one] 1 error:
   *[other] { $errors } errores. El primero:
} { $first }

## The facilitator's audit log and passphrase (C9, C13)
home-audit = Registro de auditoría
audit-title = Registro de auditoría
audit-empty = Todavía no hay nada registrado.
audit-back = Volver
pass-change-title = Cambiar la frase de contraseña
pass-change-current = Frase de contraseña actual
pass-change-new = Nueva frase de contraseña
pass-change-again = Nueva frase de contraseña, otra vez
pass-change-submit = Cambiar la frase de contraseña
pass-change-done = La frase de contraseña se cambió y los datos se volvieron a cifrar.
audit-action-create = Frase de contraseña definida
audit-action-unlock = Desbloqueo
audit-action-lock = Bloqueo
audit-action-start = Sesión iniciada
audit-action-resume = Sesión reanudada
audit-action-finalise = Sesión finalizada
audit-action-export = Exportación
audit-action-import = Formulario importado
audit-action-withdraw = Retiro de un niño o niña
audit-action-redact = Respuesta tachada
audit-action-concern = Preocupación señalada
audit-action-purge = Datos borrados tras el envío
audit-action-site-setting = Regla del sitio cambiada
audit-action-simulate = Sesiones simuladas
audit-action-facilitator-check = Salida del modo infantil
audit-action-passphrase-change = Frase de contraseña cambiada

## Reglas del lugar (facilitación)
audit-site-rules = Reglas del lugar
site-title = Reglas del lugar
site-intro = Estas reglas protegen a los niños y niñas de este lugar. Cada cambio queda anotado en el registro de auditoría.
site-jurisdiction = Jurisdicción
site-jurisdiction-hint = De dónde vienen las reglas; se guarda con cada consentimiento de la familia (por ejemplo QC para Quebec).
site-consent_age = Consentimiento de la familia por debajo de esta edad
site-consent_age-hint = Una persona tutora debe dar su consentimiento para los niños menores de esta edad.
site-count_refusals = Contar a los niños que dicen que no
site-count_refusals-hint = Solo se guarda un número por formulario y día, nada más sobre el niño.
site-idle_lock_minutes = Bloquear tras estos minutos sin uso
site-idle_lock_minutes-hint = La aplicación se bloquea sola cuando nadie la ha tocado durante este tiempo.
site-retention_days = Días que se guardan las respuestas tras el envío
site-retention_days-hint = 0 borra las respuestas de una sesión en cuanto el servidor confirma que las recibió.
site-site_name = Nombre del sitio
site-site_name-hint = El lugar de donde vienen estas sesiones (una escuela, un centro, una ciudad): los archivos de transferencia lo llevan para que la coordinación distinga los sitios. Nunca el nombre de una persona.
site-names = Nombres que buscar en las respuestas escritas
site-names-hint = Sepárelos con comas: personal, lugares, escuelas. Una respuesta escrita que contenga uno se señala antes de finalizar.
site-referral = Ruta de derivación ({ $language })
site-referral-hint = A quién contactar y qué hacer cuando un niño expresa una preocupación. Solo lo ve la persona facilitadora.
site-help = Dónde pueden pedir ayuda los niños ({ $language })
site-help-hint = Se muestra a cada niño al final de la sesión: una línea de ayuda, un servicio de confianza.
site-yes = Sí
site-no = No
site-save = Guardar las reglas
site-back = Volver
site-saved = Las reglas se han guardado.
site-unchanged = No se cambió nada.
site-invalid = No se guardó nada: corrija las reglas marcadas en rojo.
site-error-consent_age = Escriba una edad de 0 a 18.
site-error-idle_lock_minutes = Escriba un número de minutos de 1 a 120.
site-error-retention_days = Escriba un número de días de 0 a 3650.
site-error-count_refusals = Elija sí o no.
site-error-jurisdiction = Este valor no se puede usar.
site-error-names = Este valor no se puede usar.
error-disk-full = El dispositivo está lleno: ya no se puede guardar nada más. Libere espacio (o copie la carpeta de datos a otro lugar); no se pierde nada de lo ya guardado.
error-read-only = No se puede escribir en la carpeta de datos (solo lectura). Todo lo guardado se puede seguir leyendo y exportando.
error-damaged = El archivo de la base de datos está dañado. Copie toda la carpeta de datos a un lugar seguro y contacte a su coordinador o coordinadora antes de hacer cualquier otra cosa.
error-busy = Los datos están ocupados (otro programa los tiene abiertos). Inténtelo de nuevo en un momento.
error-unknown-form = No hay ningún formulario { $form } en este dispositivo.
error-no-session = No hay ninguna sesión abierta.
error-file = No se pudo escribir { $file }: { $detail }
audit-action-unlock-failed = Intentos de desbloqueo fallidos
import-version-installed = El formulario { $form } versión { $version } ya está en este dispositivo con otras preguntas o imágenes. Un formulario modificado necesita una versión nueva (columna version de la hoja settings).
start-choose-age-band = Elija primero la franja de edad del niño o la niña.
lock-try-again = Ya puede volver a intentarlo.
child-handover = ¡Gracias! Ahora dale la tableta a la persona adulta, por favor.
withdraw-ask = ¿Borrar todo lo de { $code } de este dispositivo? No se puede deshacer. Una preocupación de protección abierta se conserva hasta que usted la cierre.
withdraw-confirm = Sí, borrarlo
withdraw-cancel = Cancelar
home-concerns = Protección: preocupaciones abiertas
home-concern-close = Cerrar
concern-child = { $code }: el niño o la niña pidió hablar con alguien ({ $date })
concern-facilitator = { $code }: señalado por la persona facilitadora ({ $date })
concern-declined = Un niño o una niña que eligió no participar pidió hablar con alguien ({ $date })
audit-action-concern-close = Preocupación cerrada
child-more-below = Hay más abajo
audit-detail-session = niño o niña { $code }
audit-detail-concern-close = { $form }
audit-detail-create = { $front ->
    [cli] en la línea de comandos
    [recover] por una recuperación
   *[window] en la aplicación
}
audit-detail-unlock = { $front ->
    [cli] en la línea de comandos
   *[window] en la aplicación
}
audit-detail-unlock-failed = { $count ->
    [one] 1 frase de contraseña incorrecta antes
   *[other] { $count } frases de contraseña incorrectas antes
}
audit-detail-start = niño o niña { $code }, formulario { $form }
audit-detail-import = formulario { $form }, versión { $version }, { $media } archivos multimedia
audit-detail-site-setting = { $rule }
audit-detail-export = formulario { $form }: { $count } sesiones en { $format }{ $free_text ->
    [yes] , con el texto libre
   *[no] {""}
}
audit-detail-simulate = formulario { $form }: { $count } sesiones
audit-detail-purge = sesión { $session }
audit-detail-recover = { $saved } sesiones guardadas, { $lost } ilegibles
audit-action-recover = Recuperación de un archivo dañado
lock-recover = Guardar todas las sesiones legibles en una base nueva
lock-recovered = Se guardaron { $saved } sesiones en una base nueva ({ $lost } no se pudieron leer). El archivo dañado se conserva en la carpeta { $folder }: entrégueselo a su coordinador o coordinadora.

## Upload later: the server, the queue, sending (issue "Upload later")
xform-state-name-taken = La pregunta «{ $name }» no se puede escribir como XForm: su campo de estado «{ $name }_state» ya es el nombre de otra fila. Cambie el nombre de esa fila.
xform-reserved-name = La fila «{ $name }» tiene un nombre que Cercle reserva para sí en los envíos. Cambie el nombre de la fila.
server-not-an-address = «{ $address }» no es una dirección web. Copie la dirección completa de su servidor, empezando por https://
server-not-https = La dirección debe empezar por https:// para que nadie pueda leer por el camino las respuestas de las niñas y los niños.
server-central-no-username = Una dirección de usuario de aplicación de ODK Central lleva su propia clave: deje vacíos el nombre de usuario y la contraseña.
server-needs-credentials = Este servidor necesita un nombre de usuario y también una contraseña.
server-test-ok = El servidor responde y acepta los envíos de esta tableta.
server-test-forms-missing = El servidor responde, pero estos formularios todavía no están en él: { $forms }. Pida a su coordinador o coordinadora que los publique (cercle forms xform los genera).
sync-no-server = Todavía no hay ningún servidor configurado: configure uno en la pantalla Enviar (o con cercle server set).
sync-cannot-build = No se pudo preparar para el envío una sesión finalizada: { $error }
sync-failure-no-connection = No hay conexión con el servidor: revise la red (Wi-Fi o datos móviles) y la dirección del servidor.
sync-failure-timeout = El servidor tardó demasiado en responder. Se volverá a intentar; no se pierde nada ni se envía nada dos veces.
sync-failure-reset = La conexión se cortó durante el envío. Se volverá a intentar; no se pierde nada ni se envía nada dos veces.
sync-failure-tls = No se pudo establecer una conexión segura con el servidor. Puede deberse a una red Wi-Fi que pide identificarse antes: abra un navegador, identifíquese y vuelva a intentarlo.
sync-failure-busy = El servidor no puede recibir envíos en este momento (error { $status }). Se volverá a intentar más tarde.
sync-failure-credentials = El servidor rechazó las credenciales. Revise la dirección (en ODK Central, la del usuario de aplicación) o el nombre de usuario y la contraseña.
sync-failure-form-not-on-server = Este formulario no está en el servidor (o puede que este usuario de aplicación no tenga permiso para enviarle datos). Pida a su coordinador o coordinadora que lo publique y dé acceso a esta tableta.
sync-failure-not-openrosa = No respondió el servidor, sino otra cosa: una red Wi-Fi que pide identificarse antes, o una dirección equivocada. Identifíquese en la red Wi-Fi o revise la dirección.
sync-failure-too-big = Este envío es demasiado grande para el servidor ({ $size } KB; acepta como máximo { $limit } KB). Pida a su coordinador o coordinadora que aumente el límite del servidor.
sync-failure-conflict = El servidor ya tiene otro envío distinto con el mismo identificador. No se sobrescribió nada: avise a su coordinador o coordinadora.
sync-failure-refused = El servidor rechazó este envío (error { $status }): { $message }
audit-action-upload = Enviado al servidor
audit-detail-upload = formulario { $form }: { $result ->
    [already] ya estaba en el servidor
    [conflict] conflicto
    [rejected] rechazado
   *[sent] enviado
}{ $kind ->
    [withdrawal] {" "}(aviso de retiro)
   *[session] {""}
}
audit-action-sync = Envío
audit-detail-sync = enviados: { $sent }, ya en el servidor: { $already }, conflictos: { $conflicts }, fallidos: { $failed }, pendientes: { $left }
audit-action-server-set = Servidor cambiado
audit-detail-server-set = { $kind ->
    [central] ODK Central
    [kobo] KoboToolbox
    [openrosa] servidor OpenRosa
   *[none] sin servidor
}
audit-action-requeue = Nuevo intento de envío
audit-detail-requeue = envío { $submission }
send-open = Enviar
send-title = Enviar al servidor
send-server = Servidor
send-url = Dirección del servidor
send-url-hint = https://… (la dirección del usuario de aplicación de ODK Central, o su servidor KoboToolbox)
send-username = Nombre de usuario (KoboToolbox y otros servidores)
send-password = Contraseña
send-save = Guardar el servidor
send-test = Probar la conexión
send-testing = Probando la conexión…
send-saved = El servidor se ha guardado.
send-no-server = Todavía no hay ningún servidor configurado.
send-now = Enviar ahora
send-back = Volver
send-empty = Nada que enviar: todas las sesiones finalizadas están en el servidor.
send-state-queued = En espera de envío
send-state-sending = Enviando
send-state-sent = En el servidor
send-state-conflict = Conflicto
send-state-rejected = Rechazado por el servidor
send-withdrawal = Aviso de retiro de { $code }
send-last-try = Último intento: { $when }
send-never-tried = Aún sin intentar
send-retry = Reintentar
send-progress = Enviando { $done } de { $total }…
send-summary = Enviados: { $sent }, ya en el servidor: { $already }, conflictos: { $conflicts }, fallidos: { $failed }, pendientes: { $left }
send-background = Las sesiones finalizadas se envían en segundo plano siempre que la aplicación esté desbloqueada y haya red.

## Transfer files (issue "Coordinator")
transfer-bad-public-key = No es la clave pública de una coordinación: es una línea que empieza por age1, del archivo coordinator.pub de la coordinación.
transfer-bad-private-key = No se puede leer el archivo de clave de la coordinación ({ $detail }): use el archivo coordinator.key que escribió cercle transfer keygen.
transfer-wrong-passphrase = Frase de contraseña incorrecta para la clave de la coordinación.
transfer-wrong-key = Este archivo no se escribió para esta clave de coordinación: no se importó nada. Pregunte a la persona facilitadora qué clave pública usó.
transfer-not-a-file = No es un archivo de transferencia de Cercle, o está dañado: no se importó nada. Pida el archivo de nuevo.
audit-action-transfer-export = Archivo de transferencia escrito
audit-detail-transfer-export = sesiones: { $sessions }, avisos de retiro: { $notices }
audit-action-transfer-import = Archivo de transferencia importado
audit-detail-transfer-import = nuevas: { $new }, ya presentes: { $already }, retiradas: { $withdrawn }

## Coordinator exports (column headers in label mode, answer states, disclosure control)
age-band-6-12 = de 6 a 12 años
age-band-6-17 = de 6 a 17 años
export-col-key = Clave
export-col-form-version = Versión del formulario
export-col-language = Idioma
export-col-age-band = Rango de edad
export-col-site = Sitio
export-col-started = Inicio
export-col-finalised = Finalización
export-col-parent-key = Clave de la fila principal
export-col-index = Número
export-col-count = Cantidad: { $repeat }
export-col-variant = variante
export-col-state = estado de la respuesta
export-state-answered = Con respuesta
export-state-rather-not-say = Prefiero no decirlo
export-state-dont-know = No sé
export-state-suppressed = Suprimido
export-flag-chosen = elegido
export-flag-not-chosen = no elegido
export-dc-k = k-anonymity: cada combinación de { $qis } aparece al menos { $k } veces.
export-dc-off = La protección k-anonymity está desactivada (k = 1): la coordinación la desactivó explícitamente.
export-dc-dropped = Excluidos de los cuasi-identificadores por la coordinación: { $names }.
export-dc-recoded = Rangos de edad agrupados en { $bands }: { $count } sesiones.
export-dc-suppressed = { $qi }: { $count } valores suprimidos.
export-dc-betrayed = { $count } respuestas ocultas porque permitirían descubrir un valor suprimido (preguntas según el rango de edad, preguntas que dependen de una respuesta suprimida).
export-dc-withheld = { $count } sesiones excluidas: son demasiado pocas para protegerlas, aun suprimiendo todos los cuasi-identificadores.
export-dc-changed = En total, { $count } valores modificados.
export-dc-free-text-on = Respuestas de texto libre incluidas a petición, revisadas y tachadas (C12).
export-dc-free-text-off = Respuestas de texto libre excluidas (C12).
export-dc-minimised = Fechas sin hora del día; sin códigos de participante, identificadores de dispositivo, preocupaciones ni notas de la persona facilitadora.
export-sheet-codebook = Libro de códigos
export-sheet-disclosure = Control de divulgación
export-codebook-table = Tabla
export-codebook-column = Columna
export-codebook-header = Encabezado
export-codebook-type = Tipo
export-codebook-text = Pregunta
export-codebook-codes = Códigos
report-title = Lo que nos dijeron los niños y las niñas
report-intro = { $count } niños y niñas respondieron este cuestionario.
report-protection = Para proteger a los niños y las niñas, ocultamos (—) todo número menor que { $threshold }, y también todo número que permita adivinar uno oculto.
report-all-ages = Todas las edades
report-answered = { $count } niños y niñas respondieron esta pregunta.
report-answered-multiple = { $count } niños y niñas respondieron esta pregunta; se podía elegir más de una respuesta.
report-hidden-note = Aquí algunos números están ocultos (—) para proteger a los niños y las niñas.
report-suppressed-summary = En total, ocultamos { $count } números para proteger a los niños y las niñas.
report-footer = Hecho con Cercle. Sin nombres ni edades exactas: solo contamos a los niños y las niñas por rango de edad.

## Transfer and the coordinator's workspace (window)
home-results = Resultados
home-open = Abrir
home-transfer-details = Un archivo para la coordinación, donde no hay servidor
home-coordinator-details = Importar archivos de las tabletas, exportar, hacer informes
transfer-title = Transferencia a la coordinación
transfer-explain = Escribe en un solo archivo, que solo la coordinación puede abrir, las sesiones finalizadas que todavía no se entregaron, los formularios que usan y los avisos de retiro. Las preocupaciones y las notas nunca se incluyen.
transfer-key = Clave pública de la coordinación (age1…)
transfer-where = El archivo se escribe en esta carpeta:
transfer-write = Escribir el archivo de transferencia
transfer-written = Sesiones: { $sessions }, avisos de retiro: { $notices }, escritos en { $path }
coordinator-title = Coordinación
coordinator-import = Importar los archivos de transferencia de las tabletas
coordinator-import-explain = Los archivos de transferencia (.cercle) y la clave de la coordinación se buscan en estas carpetas:
coordinator-files = Archivos de transferencia (separados por ;)
coordinator-key = Archivo de clave de la coordinación (coordinator.key)
coordinator-passphrase = Frase de contraseña de la clave
coordinator-import-button = Importar
coordinator-imported = Sesiones nuevas: { $new }, ya presentes: { $already }, retiradas: { $withdrawn }.
coordinator-no-files = No hay ningún archivo de transferencia: coloque los archivos .cercle de las tabletas en una de las carpetas de arriba o escriba sus rutas.
coordinator-options = Opciones de exportación
coordinator-labels = Encabezados y respuestas en:
coordinator-codes = Códigos
coordinator-k = k (1 desactiva la k-anonymity)
coordinator-threshold = Informe: ocultar números menores que
coordinator-free-text = Incluir el texto libre
coordinator-protection = Cada exportación aplica la protección k-anonymity según rango de edad, sitio, idioma y género; el informe oculta los números pequeños. Cada archivo indica lo que se cambió.
coordinator-forms = Formularios
coordinator-form-summary = { $sessions ->
    [one] { $sessions } sesión finalizada
   *[other] { $sessions } sesiones finalizadas
} de { $tablets ->
    [one] { $tablets } tableta
   *[other] { $tablets } tabletas
}
coordinator-report = Informe
coordinator-working = Procesando…
coordinator-exported = { $count ->
    [one] { $count } sesión escrita en { $path }
   *[other] { $count } sesiones escritas en { $path }
}
coordinator-bad-number = k y el umbral del informe deben ser números enteros, 1 o más.

## Get forms (from ODK Central, KoboToolbox or another OpenRosa server)
get-forms-title = Descargar formularios del servidor
home-get-forms-details = Los formularios que la coordinación publicó en ODK Central o KoboToolbox
get-forms-explain = Los formularios que hay en el servidor. Aquí puede descargar los formularios nuevos y las versiones nuevas; las versiones anteriores se conservan mientras haya sesiones que las usen.
get-forms-no-server = No hay ningún servidor configurado: configúrelo primero en la pantalla Enviar.
get-forms-asking = Consultando al servidor…
get-forms-downloading = Descargando los formularios y sus imágenes…
get-forms-listed = { $count ->
    [one] Hay un formulario en el servidor.
   *[other] Hay { $count } formularios en el servidor.
}
get-forms-none-on-server = El servidor no tiene ningún formulario para este dispositivo.
get-forms-up-to-date = Todos los formularios del servidor ya están aquí y al día.
get-forms-got = { $form }: la versión { $version } ya está aquí ({ $media ->
    [one] se descargó una imagen o grabación
   *[other] se descargaron { $media } imágenes o grabaciones
}).
get-forms-not-got = No se pudo descargar { $form }: { $reason }
get-forms-get = Descargar
get-forms-update = Actualizar
get-forms-get-all = Descargar todos los formularios nuevos
get-forms-refresh = Volver a consultar
get-forms-state-new = nuevo
get-forms-state-update = versión nueva en el servidor
get-forms-state-installed = ya está aquí y al día
get-forms-details = versión { $version } · { $state }
get-forms-http = El servidor respondió con el error { $status } para { $file }. Vuelva a intentarlo más tarde o pregunte a su coordinador o coordinadora.
get-forms-not-a-form-list = La respuesta no es una lista de formularios: puede que la dirección esté equivocada o que una red Wi-Fi pida identificarse antes.
get-forms-too-large = { $file } supera los { $limit } MB: no se descargó.
get-forms-hash-mismatch = { $file } no llegó completo (no coincide con lo que anunció el servidor). No se cambió nada: vuelva a intentarlo.
get-forms-refused = { $count ->
    [one] El formulario no puede funcionar en Cercle:
   *[other] El formulario no puede funcionar en Cercle ({ $count } problemas):
}
    { $problems }
get-forms-wrong-form = El servidor anunció el formulario «{ $expected }», pero envió el formulario «{ $found }». No se cambió nada.
audit-action-form-download = Formulario descargado
audit-detail-form-download = formulario { $form }, versión { $version } — archivos multimedia descargados: { $fetched }, sin cambios: { $kept }, versiones anteriores sin uso eliminadas: { $removed }
