# Lo que Cercle informa cuando una persona coordinadora revisa o importa un XLSForm
# (`cercle forms check`, `cercle forms import`, el botón Importar). Lo leen los equipos, no los niños.
#
# Los nombres técnicos quedan como están: hojas y columnas (survey, choices, settings, label,
# list_name, form_id...), tipos (select_one, begin_repeat, end_group...), yes/no, y los nombres
# entre comillas simples ('q1'), que son argumentos.

## Un problema en una línea: gravedad, lugar, mensaje.

form-problem-line-at = { $severity ->
        [error] error
       *[warning] advertencia
    }: { $place }: { $message }
form-problem-line-row = { $severity ->
        [error] error
       *[warning] advertencia
    }: fila '{ $place }': { $message }
form-problem-line = { $severity ->
        [error] error
       *[warning] advertencia
    }: { $message }

## Lugar en la hoja de cálculo.

form-problem-location = hoja '{ $sheet }', fila { $row }
form-problem-location-column = { $place }, columna '{ $column }'
form-problem-location-character = { $place }, carácter { $character }

## El formulario en su conjunto.

form-problem-no-id = el formulario no tiene identificador
form-problem-default-language-not-in-form = el idioma predeterminado '{ $lang }' no es uno de los idiomas del formulario
form-problem-name-used = otra fila ya usa este nombre
form-problem-name-invalid = un nombre debe empezar por una letra o _ y contener solo letras, dígitos, _, - y .
form-problem-no-label-in = no hay etiqueta en '{ $lang }': en su lugar se muestra la etiqueta en '{ $default }'
form-problem-row-no-label = la fila no tiene etiqueta
form-problem-select-needs-list = una pregunta de selección (select) necesita una lista de opciones
form-problem-list-missing = la lista de opciones '{ $list }' no existe
form-problem-list-empty = la lista de opciones '{ $list }' está vacía
form-problem-choice-twice = la opción '{ $choice }' aparece dos veces en la lista '{ $list }'
form-problem-choice-space = la opción '{ $choice }' tiene un espacio, que select_multiple no puede guardar
form-problem-repeat-in-repeat = no se admite una repetición dentro de otra: saque la repetición interior o conviértala en un grupo
form-problem-repeat-empty = la repetición no tiene filas
form-problem-min-above-max = el mínimo { $min } es mayor que el máximo { $max }
form-problem-exact-age = esta pregunta pide la edad exacta del niño o la niña: junto con el sitio, el género y las fechas puede identificarle (regla C1); Cercle registra en cambio la franja de edad al inicio de cada sesión
form-problem-identifier = '{ $word }' parece un identificador directo: los formularios no deben preguntar el nombre, la fecha de nacimiento, la dirección, el teléfono, la ubicación ni la foto de un niño o niña (regla C1)

## Hojas y columnas.

form-problem-sheet-ignored = Cercle no lee la hoja '{ $sheet }': se ignora
form-problem-sheet-lacks-column = la hoja { $sheet } no tiene la columna '{ $column }'
form-problem-cell-error = la celda contiene el error de hoja de cálculo { $error } en lugar de un valor: corrija la fórmula o escriba el valor
form-problem-column-ignored = Cercle no usa la columna '{ $column }': sus celdas se ignoran
form-problem-column-foreign-language = '{ $language }' no es uno de los idiomas de Cercle (inglés, francés, español, árabe): se ignora la columna '{ $column }'
form-problem-duplicate-column = esta columna contiene lo mismo que la columna { $letter } ('{ $header }'): conserve solo una
form-problem-duplicate-column-described = esta columna contiene lo mismo que la columna { $letter } ('{ $header }') ({ $what }): conserve solo una

## Una columna traducible. $lang es en, fr, es, ar o none (sin sufijo de idioma).

form-problem-column-label = { $lang ->
        [en] la etiqueta en inglés
        [fr] la etiqueta en francés
        [es] la etiqueta en español
        [ar] la etiqueta en árabe
       *[none] la etiqueta sin idioma
    }
form-problem-column-hint = { $lang ->
        [en] la ayuda en inglés
        [fr] la ayuda en francés
        [es] la ayuda en español
        [ar] la ayuda en árabe
       *[none] la ayuda sin idioma
    }
form-problem-column-picture = { $lang ->
        [en] la imagen en inglés
        [fr] la imagen en francés
        [es] la imagen en español
        [ar] la imagen en árabe
       *[none] la imagen sin idioma
    }
form-problem-column-audio = { $lang ->
        [en] el audio en inglés
        [fr] el audio en francés
        [es] el audio en español
        [ar] el audio en árabe
       *[none] el audio sin idioma
    }
form-problem-column-required-message = { $lang ->
        [en] el mensaje de respuesta obligatoria en inglés
        [fr] el mensaje de respuesta obligatoria en francés
        [es] el mensaje de respuesta obligatoria en español
        [ar] el mensaje de respuesta obligatoria en árabe
       *[none] el mensaje de respuesta obligatoria sin idioma
    }
form-problem-column-constraint-message = { $lang ->
        [en] el mensaje de restricción en inglés
        [fr] el mensaje de restricción en francés
        [es] el mensaje de restricción en español
        [ar] el mensaje de restricción en árabe
       *[none] el mensaje de restricción sin idioma
    }
form-problem-column-form-title = { $lang ->
        [en] el título del formulario en inglés
        [fr] el título del formulario en francés
        [es] el título del formulario en español
        [ar] el título del formulario en árabe
       *[none] el título del formulario sin idioma
    }
form-problem-column-named = la columna { $column } sin idioma
form-problem-column-same = la misma columna

## Ajustes (hoja settings).

form-problem-no-form-id = la hoja settings no tiene form_id: el formulario se llama '{ $id }' por el nombre de su archivo
form-problem-no-version = la hoja settings no tiene version: se usa la versión '1' (dé una versión nueva a cada formulario modificado)
form-problem-settings-extra-row = solo se lee la primera fila de settings (fila { $row }): esta fila se ignora
form-problem-form-id-invalid = el form_id '{ $id }' no es un nombre válido: debe empezar por una letra o _ y contener solo letras, dígitos, _, - y .
form-problem-default-language-unknown = el idioma predeterminado '{ $lang }' no es uno de los idiomas de Cercle (inglés, francés, español, árabe)

## Opciones.

form-problem-choice-no-list-name = la opción '{ $choice }' no tiene list_name: indique a qué lista pertenece
form-problem-choice-no-name = una opción de la lista '{ $list }' no tiene nombre (el valor que se guarda cuando se elige)
form-problem-choice-duplicate = la opción '{ $choice }' ya está en la lista '{ $list }' en la fila { $first }: cada opción de una lista necesita su propio nombre

## Imágenes y audio.

form-problem-subject-row = '{ $row }'
form-problem-subject-choice = la opción '{ $choice }' de la lista '{ $list }'
form-problem-picture-differs = { $subject } tiene una imagen distinta en otro idioma; Cercle muestra una sola imagen en todos los idiomas: se usa '{ $chosen }'
form-problem-picture-missing = '{ $file }' no está entre los archivos multimedia del formulario: salvo que sea una de las imágenes incluidas en Cercle, no se mostrará ninguna imagen
form-problem-audio-missing = '{ $file }' no está entre los archivos multimedia del formulario: no se reproducirá ningún audio
form-problem-audio-format = '{ $file }' no se puede reproducir: Cercle reproduce grabaciones mp3, wav, ogg y flac
form-problem-media-name-clash = dos archivos multimedia distintos se llaman '{ $file }' ('{ $first }' y '{ $second }'): un formulario se refiere a sus archivos multimedia por el nombre, así que cambie el nombre de uno

## Filas de la hoja survey.

form-problem-survey-empty = la hoja survey no tiene filas: un formulario necesita al menos una pregunta
form-problem-row-no-type = la fila no tiene tipo
form-problem-named-row-no-type = la fila '{ $row }' no tiene tipo
form-problem-row-no-name = la fila '{ $type }' no tiene nombre
form-problem-row-name-invalid = '{ $row }' no es un nombre válido: un nombre debe empezar por una letra o _ y contener solo letras, dígitos, _, - y .
form-problem-row-name-taken = el nombre '{ $row }' ya se usa en la fila { $first }: cada fila necesita su propio nombre
form-problem-metadata-ignored = '{ $type }' ({ $row }) se ignora: Cercle no recoge metadatos del dispositivo (regla C10)
form-problem-row-refused = '{ $row }': { $reason }
form-problem-type-unknown = '{ $type }' no es un tipo que Cercle conozca (consulte los tipos de XLSForm admitidos)
form-problem-select-needs-list-name = '{ $type }' debe ir seguido del nombre de una lista de opciones, por ejemplo '{ $type } yes_no'
form-problem-or-other = 'or_other' no se admite: añada una opción 'other' y una pregunta de texto que se muestre cuando se elija
form-problem-type-location = las preguntas '{ $type }' se rechazan: la ubicación puede identificar a un niño o niña (regla C1)
form-problem-type-photo = las preguntas '{ $type }' se rechazan: las fotos y los vídeos pueden identificar a un niño o niña (regla C1)
form-problem-type-voice = las preguntas '{ $type }' se rechazan: las grabaciones de voz pueden identificar a un niño o niña (regla C1)
form-problem-type-not-supported = Cercle no admite las preguntas '{ $type }'
form-problem-nested-too-deep = '{ $row }' está anidado dentro de más de { $count ->
        [one] { $count } grupo
       *[other] { $count } grupos
    }: Cercle no lee a tanta profundidad
form-problem-list-not-on-choices = '{ $row }' usa la lista de opciones '{ $list }', que no está en la hoja choices
form-problem-group-never-closed = el grupo '{ $row }' nunca se cierra: añada una fila 'end_group' después de su última pregunta
form-problem-repeat-never-closed = la repetición '{ $row }' nunca se cierra: añada una fila 'end_repeat' después de su última pregunta
form-problem-end-without-begin = 'end_{ $word }' sin un 'begin_{ $word }' antes
form-problem-end-closes-group = 'end_{ $word }' cierra el grupo '{ $row }' abierto en la fila { $first }: use 'end_{ $open }'
form-problem-end-closes-repeat = 'end_{ $word }' cierra la repetición '{ $row }' abierta en la fila { $first }: use 'end_{ $open }'
form-problem-column-unsupported = '{ $row }' usa la columna '{ $column }', una función de XLSForm que Cercle no admite
form-problem-calculate-empty = la fila calculate '{ $row }' no tiene cálculo (calculation)
form-problem-only-on-calculate = '{ $column }' solo se usa en filas calculate y hidden, y en preguntas de solo lectura: se ignora en '{ $row }'
form-problem-only-on-select = '{ $column }' solo se usa en filas select_one y select_multiple: se ignora en '{ $row }'
form-problem-only-on-repeat = '{ $column }' solo se usa en filas begin_repeat: se ignora en '{ $row }'
form-problem-appearance-unknown = la apariencia '{ $appearance }' de '{ $row }' no es una que Cercle conozca: no tiene efecto
form-problem-parameters-ignored = los parámetros solo se leen en preguntas range: se ignora '{ $parameters }' de '{ $row }'
form-problem-age-band-unknown = '{ $band }' no es un grupo de edad: '{ $row }' puede usar 6-7, 8-12 y 13-17

## Rangos (range).

form-problem-range-unreadable = los parámetros de '{ $row }' no se pueden leer a partir de '{ $at }': escríbalos como start=1 end=10 step=1
form-problem-range-not-a-number = el parámetro de rango { $parameter }={ $value } de '{ $row }' no es un número
form-problem-range-not-whole = el parámetro de rango { $parameter }={ $value } de '{ $row }' debe ser un número entero
form-problem-range-step = el paso del rango '{ $row }' debe ser mayor que 0, no { $value }
form-problem-range-parameter-unknown = Cercle no usa el parámetro de rango '{ $parameter }' de '{ $row }': se ignora
form-problem-range-downwards = el rango '{ $row }' empieza en { $start }, por encima de su final { $end }: los rangos de Cercle van hacia arriba
form-problem-range-unreachable = el rango '{ $row }' de { $start } a { $end } no puede llegar a su final en pasos de { $step }

## Expresiones.

form-problem-expr-of-row = la celda { $column } de '{ $row }'
form-problem-expr-of-setting = el ajuste { $column }
form-problem-expr-invalid = { $whose } no es una expresión válida: { $detail }
form-problem-expr-uses-metadata = { $whose } usa { $reference }, una fila de metadatos del dispositivo que Cercle ignora (regla C10)
form-problem-expr-uses-unknown = { $whose } usa { $reference }, pero ninguna fila del formulario se llama '{ $name }'
form-problem-read-only-expression = read_only como expresión aún no se admite: escriba yes o no para '{ $row }'

## Un archivo que no se puede leer como XLSForm.

form-import-not-found = { $file }: el archivo no existe
form-import-io = { $file }: no se puede leer: { $detail }
form-import-not-a-spreadsheet = { $file }: no es una hoja de cálculo .xlsx o .xls ni un .zip que contenga una
form-import-unreadable = { $file }: la hoja de cálculo está dañada y no se puede leer ({ $detail })
form-import-no-survey-sheet = { $file }: la hoja de cálculo no tiene la hoja 'survey', así que no es un XLSForm
form-import-no-spreadsheet-in-zip = { $file }: el zip no contiene ninguna hoja de cálculo .xlsx
form-import-several-spreadsheets-in-zip = { $file }: el zip contiene varias hojas de cálculo ({ $names }): ponga un solo formulario por zip
form-import-bad-zip = { $file }: el zip está dañado y no se puede leer
form-import-expands = { $file } se descomprime en más de { $limit } MB: se rechaza (está dañado o hecho para agotar el dispositivo). Un formulario real es mucho más pequeño.
form-import-too-large = { $file } es demasiado grande (más de { $limit } MB)
form-problem-yes-or-no = La columna '{ $column }' de '{ $row }' solo admite yes o no

## Lectura de un XForm de ODK (desde un servidor o un archivo .xml). $element es un nombre de elemento XML; $line, una línea del archivo.
form-import-xform-not-xml = El archivo no es un XML bien formado (línea { $line }): { $detail }
form-import-xform-not-an-xform = El archivo XML no es un XForm de ODK: no tiene el elemento { $element }
form-import-xform-too-large = El XForm supera los { $limit } MB: se rechaza
# $feature nombra lo que Cercle no puede ejecutar: un tipo, un elemento o uno de los mensajes form-problem-type-*.
form-problem-xform-unsupported = <{ $element }> en la línea { $line }: { $feature } — Cercle no puede ejecutarlo
form-problem-xform-no-id = El elemento <{ $element }> del formulario no tiene atributo id: el servidor no puede saber a qué formulario pertenece un envío
form-problem-xform-no-language = El formulario no tiene traducción en ninguno de los idiomas de Cercle (inglés, francés, español o árabe)
form-problem-xform-foreign-language = Se descarta la traducción '{ $language }': Cercle muestra los formularios en inglés, francés, español y árabe
form-problem-xform-metadata = '{ $row }' es un metadato del dispositivo ({ $what }): Cercle nunca lo recoge (regla C10), así que se descarta
form-problem-xform-control-without-field = <{ $element }> en la línea { $line } remite a '{ $path }', que no es un campo de la instancia del formulario
form-problem-xform-no-instance = Las opciones de la línea { $line } vienen de la lista '{ $list }', que el formulario no contiene
# $attribute es un atributo XML (relevant, constraint, calculate, jr:count...); $detail, uno de los mensajes form-problem-xform-expr-*.
form-problem-xform-expression = El atributo { $attribute } de <{ $element }> en la línea { $line } no se puede ejecutar: { $detail }
form-problem-xform-expr-instance = busca un valor en la lista '{ $what }' (no se admiten las búsquedas con instance())
form-problem-xform-expr-predicate = la ruta { $what } tiene una condición entre corchetes, algo que Cercle no admite
form-problem-xform-expr-path = '{ $what }' es una ruta XPath que Cercle no admite
form-problem-xform-expr-variable = '{ $what }' es una variable XPath, algo que Cercle no admite
form-problem-xform-expr-unknown-path = '{ $what }' no es un campo de este formulario
form-problem-xform-expr-syntax = la expresión está mal formada cerca de '{ $what }'
form-problem-choice-shows-name = la opción '{ $choice }' de la lista '{ $list }' no tiene etiqueta ni imagen: los niños y niñas verán su nombre, '{ $choice }'
# $whose es un mensaje form-problem-expr-of-*; $function, el nombre de una función de ODK como pulldata.
form-problem-function-unsupported = { $whose } usa { $function }(), una función de ODK que Cercle no admite
form-problem-xform-expr-function = usa { $function }(), una función de ODK que Cercle no admite
form-problem-xform-media-missing = El formulario usa el archivo '{ $file }', que el servidor no proporcionó: no se mostrará
form-problem-xform-fixed-repeat = La repetición «{ $row }» (línea { $line }) tiene un número fijo de instancias pero ningún recuento: en Cercle, el niño o la niña las añade una a una
